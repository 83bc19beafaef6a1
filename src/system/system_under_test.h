// What a scenario runs against: a local lab rrt starts (LabSystem) or an existing deployment
// (ExternalSystem, src/system/external_system.h). The runner drives either through this interface
// only.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "fault/fault.h"
#include "resp/connection.h"
#include "scenario/scenario.h"
#include "system/external_options.h"
#include "topo/topology.h"

namespace rrt {

class RunDir;

class SystemUnderTest {
 public:
  virtual ~SystemUnderTest() = default;
  // Returns when it is ready for load: the lab started, or the deployment discovered. Throws
  // EnvironmentError saying what did not answer.
  virtual void start() = 0;
  // The nodes now (a lab's change with add-replica / remove-replica).
  virtual Topology topology() const = 0;
  // AUTH for workloads and observers; its timeout is the connect deadline.
  virtual ConnectOptions connect() const = 0;
  virtual FaultContext fault_context() = 0;
  // Every workload key starts with this ("rrt:" on a lab; a run-unique prefix elsewhere).
  virtual std::string key_prefix() const = 0;
  // The "lab-ready" event's detail: nodes, roles, addresses; never a password.
  virtual nlohmann::json describe() const = 0;
  // After the run, faults healed: a lab copies node logs into the run directory and stops; an
  // external target gets rrt's keys removed. Returns what results.json records under "target"
  // (null: nothing).
  virtual nlohmann::json finish(const RunDir& run) = 0;
  // Connect options per client host when the workloads' clients live on hosts of their own
  // (netns labs with client_hosts; system/client_hosts.h), `detail` describing them for
  // events.jsonl. Empty: clients connect from here with connect().
  virtual std::vector<ConnectOptions> client_connect(nlohmann::json* detail) { return {}; }
};

// A lab for scenario.lab when external.url is empty, else the external target. First refuses
// faults the lab's hosts cannot run (system/lab_policy.h), or, for an external target, faults
// it must not run, and caps the workloads' rates in `scenario` (system/external_policy.h);
// throws UsageError then, before anything started.
std::unique_ptr<SystemUnderTest> make_system_under_test(Scenario& scenario,
                                                        const ExternalOptions& external);

}  // namespace rrt
