// SystemUnderTest on a deployment rrt did not start (docs/external-targets.md): discovered from
// its URL, loaded under a run-unique key prefix at a capped rate, only the faults the wire allows
// (system/external_nodes.h, and only with --allow-faults), rrt's keys given a TTL while it runs
// (system/key_expiry.h: a killed run leaves nothing forever) and removed at the end.
#pragma once

#include <memory>

#include "system/external_nodes.h"
#include "system/key_expiry.h"
#include "system/system_under_test.h"
#include "topo/target_url.h"

namespace rrt {

// Name, role and endpoint of each node, for describe() (never a password).
nlohmann::json nodes_json(const Topology& topology);

class ExternalSystem : public SystemUnderTest {
 public:
  // Checks the scenario against the policy and caps its rates (UsageError if refused).
  ExternalSystem(Scenario& scenario, const ExternalOptions& options);
  void start() override;
  Topology topology() const override { return topology_; }
  ConnectOptions connect() const override { return connect_; }
  FaultContext fault_context(Clock& clock) override;
  // Beyond external_lacks: pause asks the data nodes whether DEBUG is enabled.
  std::string lacks(Capability capability, const FaultStep& step) override;
  std::string backend() const override { return url_.redacted(); }
  std::string key_prefix() const override { return prefix_; }
  nlohmann::json describe() const override;
  nlohmann::json finish(const RunDir& run) override;

 private:
  TargetUrl url_;
  ConnectOptions connect_;
  std::string prefix_;
  Topology topology_;
  std::unique_ptr<ExternalNodes> nodes_;
  Nanos key_ttl_;
  std::unique_ptr<KeyExpirySweeper> expiry_;  // from start() to finish()
};

}  // namespace rrt
