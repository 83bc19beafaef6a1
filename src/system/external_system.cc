#include "system/external_system.h"

#include <unistd.h>

#include <chrono>

#include "base/errors.h"
#include "system/external_policy.h"
#include "system/key_cleanup.h"
#include "system/run_prefix.h"
#include "topo/external_discovery.h"

namespace rrt {

static long long wall_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

ExternalSystem::ExternalSystem(Scenario& scenario, const ExternalOptions& options)
    : url_(parse_target_url(options.url)),
      prefix_(make_run_prefix(wall_ms(), getpid())),
      key_ttl_(run_key_ttl(scenario.duration)) {
  connect_.tls = tls_if_enabled(options.tls, url_.tls);
  if (url_.scheme == Scheme::kCluster)
    discover_external(url_, connect_);  // throws the clear refusal
  check_external_faults(scenario, options.allow_faults);
  cap_workload_rates(scenario, options.max_rate);
  connect_.user = options.user.empty() ? url_.user : options.user;
  connect_.password = options.password.empty() ? url_.password : options.password;
}

void ExternalSystem::start() {
  ConnectOptions o = connect_;
  o.timeout = 2 * kSeconds;
  topology_ = discover_external(url_, o);
  expiry_ = std::make_unique<KeyExpirySweeper>(
      [url = url_, o] { return discover_external(url, o).with_role(Role::kMaster).at(0).endpoint; },
      o, prefix_, KeyExpiryOptions{.ttl = key_ttl_});
}

FaultContext ExternalSystem::fault_context(Clock& clock) {
  nodes_ = std::make_unique<ExternalNodes>(topology_, connect_, clock);
  FaultContext ctx;
  ctx.nodes = nodes_.get();
  ctx.processes = nodes_.get();
  ctx.clock = &clock;
  return ctx;
}

std::string ExternalSystem::lacks(Capability c, const FaultStep& step) {
  std::string why = external_lacks(c, step);
  if (!why.empty() || c != Capability::kPause) return why;
  ConnectOptions o = connect_;
  o.timeout = 2 * kSeconds;
  std::string refusal;
  try {
    refusal = debug_refusal(discover_external(url_, o), o);
  } catch (const std::exception&) {
    return "";  // it does not answer: start() says so
  }
  if (refusal.empty()) return "";
  return "pause needs DEBUG SLEEP, and " + refusal +
         ": set enable-debug-command yes (or local when rrt runs on the node's host), or run "
         "against a lab";
}

nlohmann::json nodes_json(const Topology& topology) {
  nlohmann::json nodes = nlohmann::json::array();
  for (const auto& n : topology.nodes) {
    nodes.push_back(
        {{"name", n.name}, {"role", role_name(n.role)}, {"endpoint", n.endpoint.to_string()}});
  }
  return nodes;
}

nlohmann::json ExternalSystem::describe() const {
  return {{"target", url_.redacted()},
          {"kind", kind_name(topology_.kind)},
          {"key_prefix", prefix_},
          {"nodes", nodes_json(topology_)}};
}

// The master may have moved during the run: ask again, then remove the run's keys there.
nlohmann::json ExternalSystem::finish(const RunDir&) {
  nlohmann::json out = {{"url", url_.redacted()}, {"key_prefix", prefix_}};
  if (expiry_) {
    expiry_->stop();
    out["expiry"] = expiry_->summary();
  }
  try {
    ConnectOptions o = connect_;
    o.timeout = 2 * kSeconds;
    Topology now = discover_external(url_, o);
    out["cleanup"] =
        to_json(remove_run_keys(now.with_role(Role::kMaster).at(0).endpoint, o, prefix_));
  } catch (const std::exception& e) {
    out["cleanup"] = {{"complete", false}, {"error", e.what()}};
  }
  return out;
}

}  // namespace rrt
