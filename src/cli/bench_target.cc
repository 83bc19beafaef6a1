#include "cli/bench_target.h"

#include <fmt/format.h>

#include "base/errors.h"
#include "cli/tls_flags.h"
#include "lab/lab_registry.h"
#include "load/target_guard.h"
#include "resp/sync_client.h"
#include "topo/external_discovery.h"
#include "topo/lab_spec.h"
#include "topo/target_url.h"
#include "workload/target_client.h"

namespace rrt {

namespace {

// The URL of lab `name`: sentinel[s]:// of its sentinels if it has any, else redis[s]:// of its
// master; `tls` gets the lab's client TLS context if it is a TLS lab. Throws UsageError if no
// such lab is up.
std::string lab_url(const std::string& name, std::shared_ptr<TlsContext>* tls) {
  nlohmann::json lab = read_lab_record(name);
  if (!lab.is_object()) {
    throw UsageError(
        fmt::format("rrt bench: give --url or --sentinel, or start a lab (`rrt lab "
                    "up sentinel`); no lab named '{}' is up",
                    name));
  }
  const LabSpec spec = lab_spec_from_json(lab["spec"]);
  *tls = spec.connect_options(kSeconds).tls;
  std::string sentinels;
  for (const Endpoint& e : lab_endpoints(lab, "sentinel")) {
    sentinels += (sentinels.empty() ? "" : ",") + e.to_string();
  }
  if (!sentinels.empty()) {
    return fmt::format("{}://{}/{}", scheme_text(Scheme::kSentinel, spec.tls), sentinels,
                       spec.master_name);
  }
  std::vector<Endpoint> masters = lab_endpoints(lab, "master");
  if (masters.empty()) throw UsageError(fmt::format("lab '{}' has no master to load", name));
  return scheme_text(Scheme::kRedis, spec.tls) + "://" + masters.front().to_string();
}

}  // namespace

BenchTarget::BenchTarget(const BenchTargetFlags& flags) : timeout_(flags.timeout) {
  if (!flags.url.empty() && !flags.sentinel.empty()) {
    throw UsageError("rrt bench: give --url or --sentinel, not both");
  }
  std::string url = !flags.url.empty()        ? flags.url
                    : !flags.sentinel.empty() ? flags.sentinel
                                              : lab_url(flags.lab, &tls_);
  UrlParts parts = split_url(url);
  // The flags decide, else the URL's scheme; a lab's own context stays when neither asks.
  if (tls_flags_given(flags.tls) || (parts.tls && !tls_)) {
    tls_ = tls_if_enabled(flags.tls, parts.tls);
  }
  if (parts.scheme != Scheme::kSentinel) {
    fixed_ = parse_redis_url(url);
    description_ = fixed_.redacted();
    check_load_target(fixed_.endpoint, flags.allow_remote, flags.rate);
    return;
  }
  TargetUrl target = parse_target_url(url);
  sentinels_ = target;
  description_ = target.redacted();
  for (const Endpoint& e : target.endpoints) check_load_target(e, flags.allow_remote, flags.rate);
  follow_ = std::make_unique<WorkloadContext>();
  follow_->connect = ConnectOptions{target.user, target.password, 0, flags.timeout, nullptr, tls_};
  follow_->topology = discover_external(target, follow_->connect);
  for (const NodeInfo& n : follow_->topology.nodes) {
    check_load_target(n.endpoint, flags.allow_remote, flags.rate);
  }
  follow_->op_timeout = flags.timeout;
}

void BenchTarget::apply(LoadOptions* options) const {
  if (!follow_) {
    options->endpoint = fixed_.endpoint;
    options->connect = connect();
    return;
  }
  WorkloadContext* ctx = follow_.get();
  Nanos timeout = options->timeout;
  options->link = target_links(*ctx, timeout, nullptr);
}

void BenchTarget::check_reachable() const {
  SyncClient client;
  client.must_connect(current_master(), connect());
  client.must_call({"PING"}, timeout_);
}

Endpoint BenchTarget::current_master() const {
  if (!follow_) return fixed_.endpoint;
  std::vector<NodeInfo> masters = discover_external(sentinels_, connect()).with_role(Role::kMaster);
  if (masters.empty()) throw EnvironmentError("the sentinels named no master");
  return masters.front().endpoint;
}

ConnectOptions BenchTarget::connect() const {
  return follow_ ? follow_->connect : ConnectOptions::from_url(fixed_, timeout_, tls_);
}

}  // namespace rrt
