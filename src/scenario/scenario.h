// A scenario: what to start, which load to drive, which faults to inject when, and what to
// check. Loaded from YAML (scenario_loader.h) or built in; run by run_scenario (runner.h).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/clock.h"
#include "topo/lab_spec.h"

namespace rrt {

struct WorkloadSpec {
  std::string kind;  // "stale-reads", "counter", "register", "set"
  nlohmann::json options = nlohmann::json::object();
};

// One entry of the fault schedule. The fault starts at `at`, stops `duration` later (0: at the
// end of the run, or at once for faults with nothing to undo), and repeats every `every`, `repeat`
// times in all.
struct FaultStep {
  std::string verb;  // "kill", "pause", "sentinel-failover", "partition", ...
  nlohmann::json args = nlohmann::json::object();  // target and verb-specific options
  Nanos at = 0;
  Nanos duration = 0;
  Nanos every = 0;
  int repeat = 1;
};

struct Scenario {
  std::string name;
  std::string summary;  // one line for `rrt scenarios`
  std::string explain;  // the lesson, for `rrt explain`
  LabSpec lab;
  std::vector<WorkloadSpec> workloads;
  std::vector<FaultStep> faults;
  Nanos duration = 10 * kSeconds;   // workloads with a fixed number of ops may end earlier
  std::vector<std::string> checks;  // beyond those the workloads imply
  nlohmann::json check_options = nlohmann::json::object();
};

nlohmann::json to_json(const Scenario& scenario);

}  // namespace rrt
