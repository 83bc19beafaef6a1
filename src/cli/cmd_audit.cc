// `rrt audit TARGET`: read a deployment (read-only) and name the failure modes it is exposed
// to, each with its evidence, what happens, the scenario that shows it and the fix
// (docs/audit.md). Exit 0: nothing high; 1: a high-severity finding; 2: bad usage; 3: the
// deployment did not answer.
#include <fmt/format.h>

#include <cstdlib>

#include "audit/audit_report.h"
#include "audit/read_deployment.h"
#include "audit/rules.h"
#include "cli/command.h"
#include "cli/tls_flags.h"
#include "topo/credentials.h"
#include "topo/target_url.h"

namespace rrt {

namespace {

struct AuditFlags {
  std::string target, user, password, password_file;
  std::string output = "text";
  bool pretty = false;
  int timeout_ms = 2000;
  int sample_ms = 1000;
  TlsOptions tls;
};

AuditOptions audit_options(const AuditFlags& f, const TargetUrl& target) {
  PasswordSources sources;
  sources.flag = f.password;
  sources.file = f.password_file;
  const char* env = std::getenv("RRT_PASSWORD");
  sources.env = env ? env : "";
  sources.from_url = target.password;
  AuditOptions o;
  o.connect.user = f.user.empty() ? target.user : f.user;
  o.connect.password = resolve_password(sources);
  o.connect.timeout = f.timeout_ms * kMillis;
  o.connect.tls = tls_if_enabled(f.tls, target.tls);
  o.sample = f.sample_ms * kMillis;
  return o;
}

}  // namespace

void add_audit_command(CLI::App& root, CliContext& ctx) {
  auto* cmd = root.add_subcommand(
      "audit", "Name the failure modes a deployment is exposed to, and the fix (read-only)");
  auto f = std::make_shared<AuditFlags>();
  cmd->add_option("target", f->target,
                  "redis[s]://host:port, sentinel[s]://host:port[,host:port]/mastername or "
                  "cluster[s]://host:port")
      ->required();
  cmd->add_option("--user", f->user, "ACL user (default: the URL's, else the default user)");
  cmd->add_option("--password", f->password, "Password (prefer --password-file or $RRT_PASSWORD)");
  cmd->add_option("--password-file", f->password_file, "File whose first line is the password");
  cmd->add_option("-o,--output", f->output, "text | json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_flag("--pretty", f->pretty, "Indent JSON output");
  cmd->add_option("--timeout-ms", f->timeout_ms, "Deadline of each request (2000)")
      ->check(CLI::Range(1, 60000));
  cmd->add_option("--sample-ms", f->sample_ms,
                  "Time between the two readings of each master's replication offset, for the "
                  "write rate (1000; 0: no sample)")
      ->check(CLI::Range(0, 60000));
  add_tls_flags(cmd, &f->tls);
  cmd->callback([f, &ctx] {
    TargetUrl target = parse_target_url(f->target);
    Snapshot snapshot = read_deployment(target, audit_options(*f, target));
    std::vector<Finding> findings = audit(snapshot);
    if (f->output == "json") {
      fmt::print("{}\n", audit_json(snapshot, findings).dump(f->pretty ? 2 : -1));
    } else {
      fmt::print("{}", audit_text(snapshot, findings));
    }
    ctx.exit_code = audit_exit_code(findings);
  });
}

}  // namespace rrt
