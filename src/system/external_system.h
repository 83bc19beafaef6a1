// SystemUnderTest on a deployment rrt did not start (docs/external-targets.md): discovered from
// its URL, loaded under a run-unique key prefix at a capped rate, only remote faults (and only
// with --allow-faults), and rrt's keys removed at the end.
#pragma once

#include "system/system_under_test.h"
#include "topo/target_url.h"

namespace rrt {

class ExternalSystem : public SystemUnderTest {
 public:
  // Checks the scenario against the policy and caps its rates (UsageError if refused).
  ExternalSystem(Scenario& scenario, const ExternalOptions& options);
  void start() override;
  Topology topology() const override { return topology_; }
  ConnectOptions connect() const override { return connect_; }
  FaultContext fault_context() override;
  std::string key_prefix() const override { return prefix_; }
  nlohmann::json describe() const override;
  nlohmann::json finish(const RunDir& run) override;

 private:
  TargetUrl url_;
  ConnectOptions connect_;
  std::string prefix_;
  Topology topology_;
};

}  // namespace rrt
