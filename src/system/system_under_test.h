// What a scenario runs against: a local lab rrt starts (LabSystem) or an existing deployment
// (ExternalSystem, src/system/external_system.h), or a test's fake. The runner drives any of
// them through this interface only; faults reach the system through the seams of
// fault_context() (fault/capability.h), and each system says which of them it lacks.
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
  // The seams faults act on (nodes, processes, network), valid while this object lives; waits
  // inside faults go through `clock`. Call after start().
  virtual FaultContext fault_context(Clock& clock) = 0;
  // "" if this system can give faults `capability` for `step`, else why not and what would make
  // it possible ("DEBUG is disabled: enable-debug-command yes, or run against a lab"). May ask
  // the deployment (never changing it). Called before start().
  virtual std::string lacks(Capability capability, const FaultStep& step) = 0;
  // What it is, for refusals: "lab (loopback hosts)", "sentinel://h:p/mymaster".
  virtual std::string backend() const = 0;
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

// What `external.url` names: empty, a lab for scenario.lab (a fault the lab's hosts cannot run
// is refused before the lab is made: system/fault_support.h); a k8s:// URL, the release from
// inside its cluster (system/k8s_system.h); else the external target. Faults on the last two
// are refused without --allow-faults, and the workloads' rates in `scenario` capped
// (system/external_policy.h). Throws UsageError then, before anything started. run_scenario
// refuses faults the system lacks (fault_support.h) before it starts anything.
std::unique_ptr<SystemUnderTest> make_system_under_test(Scenario& scenario,
                                                        const ExternalOptions& external);

}  // namespace rrt
