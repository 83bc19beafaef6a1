#include "cli/bench_target.h"

#include <fmt/format.h>

#include "base/errors.h"
#include "lab/lab_registry.h"
#include "load/target_guard.h"
#include "resp/sync_client.h"
#include "topo/external_discovery.h"
#include "topo/target_url.h"
#include "workload/target_client.h"

namespace rrt {

namespace {

// The URL of lab `name`: sentinel:// of its sentinels if it has any, else redis:// of its
// master. Throws UsageError if no such lab is up.
std::string lab_url(const std::string& name) {
  nlohmann::json lab = read_lab_record(name);
  if (!lab.is_object()) {
    throw UsageError(
        fmt::format("rrt bench: give --url or --sentinel, or start a lab (`rrt lab "
                    "up sentinel`); no lab named '{}' is up",
                    name));
  }
  std::string sentinels;
  for (const Endpoint& e : lab_endpoints(lab, "sentinel")) {
    sentinels += (sentinels.empty() ? "" : ",") + e.to_string();
  }
  if (!sentinels.empty()) {
    return fmt::format("sentinel://{}/{}", sentinels,
                       lab["spec"].value("master_name", std::string("mymaster")));
  }
  std::vector<Endpoint> masters = lab_endpoints(lab, "master");
  if (masters.empty()) throw UsageError(fmt::format("lab '{}' has no master to load", name));
  return "redis://" + masters.front().to_string();
}

}  // namespace

BenchTarget::BenchTarget(const BenchTargetFlags& flags) : timeout_(flags.timeout) {
  if (!flags.url.empty() && !flags.sentinel.empty()) {
    throw UsageError("rrt bench: give --url or --sentinel, not both");
  }
  std::string url = !flags.url.empty()        ? flags.url
                    : !flags.sentinel.empty() ? flags.sentinel
                                              : lab_url(flags.lab);
  if (url.rfind("sentinel://", 0) != 0) {
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
  follow_->connect = ConnectOptions{target.user, target.password, 0, flags.timeout, nullptr};
  follow_->topology = discover_external(target, follow_->connect);
  for (const NodeInfo& n : follow_->topology.nodes) {
    check_load_target(n.endpoint, flags.allow_remote, flags.rate);
  }
  follow_->op_timeout = flags.timeout;
}

void BenchTarget::apply(LoadOptions* options) const {
  if (!follow_) {
    options->endpoint = fixed_.endpoint;
    options->connect = ConnectOptions::from_url(fixed_, timeout_);
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
  return follow_ ? follow_->connect : ConnectOptions::from_url(fixed_, timeout_);
}

}  // namespace rrt
