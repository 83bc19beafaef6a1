#include "cli/target_flags.h"

#include <cstdlib>

#include "base/errors.h"
#include "resp/url.h"
#include "topo/credentials.h"
#include "topo/target_url.h"

namespace rrt {

void add_target_flags(CLI::App* c, TargetFlags& f) {
  c->add_option("--target", f.url,
                "Run against an existing deployment: redis[s]://host:port or "
                "sentinel[s]://host:port[,host:port]/mastername");
  c->add_option("--user", f.user, "ACL user for --target");
  c->add_option("--password", f.password,
                "Password for --target (prefer --password-file or $RRT_PASSWORD)");
  c->add_option("--password-file", f.password_file, "File whose first line is the password");
  c->add_flag("--allow-faults", f.allow_faults,
              "Let faults that act through Redis commands (client-pause, sentinel-failover) run "
              "on --target");
  c->add_option("--max-rate", f.max_rate, "Ops/s of all workloads together on --target (200)");
  add_tls_flags(c, &f.tls);
}

bool lab_tls(const TargetFlags& f) {
  TlsOptions only_tls;
  only_tls.enabled = f.tls.enabled;
  if (tls_flags_given(f.tls) && tls_flags_given(only_tls) != tls_flags_given(f.tls)) {
    throw UsageError(
        "--cacert, --cacertdir, --cert, --key, --insecure and --sni are for --target; a lab run "
        "with --tls makes its own CA and certificates");
  }
  return f.tls.enabled;
}

ExternalOptions external_options(const TargetFlags& f) {
  ExternalOptions o;
  o.url = f.url;
  o.user = f.user;
  o.allow_faults = f.allow_faults;
  o.max_rate = f.max_rate;
  o.tls = f.tls;
  if (f.url.empty()) return o;
  PasswordSources s;
  s.flag = f.password;
  s.file = f.password_file;
  const char* env = std::getenv("RRT_PASSWORD");
  s.env = env ? env : "";
  // A k8s:// URL carries no password (parse_k8s_target refuses one): the Job's comes from env.
  if (split_url(f.url).scheme != Scheme::kK8s) s.from_url = parse_target_url(f.url).password;
  o.password = resolve_password(s);
  return o;
}

}  // namespace rrt
