// A fault the nemesis injects into the system under test: it starts, and later it stops
// (heals, resumes, restarts). Faults act only on nodes rrt started itself, or on targets the user
// explicitly allowed.
//
// Each start/stop returns a FaultDetail (history/fault_detail.h) saying what it actually did:
// the node it hit, its role and endpoint, and the verb's own facts (pid, groups, command,
// timings) in `extra`. The nemesis records it as an event on the history's clock. A start that
// hit the master (kill, pause, SENTINEL FAILOVER, a partition that cuts it off) sets
// `disrupts_master`: the failover checks measure from those.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "fault/capability.h"
#include "history/fault_detail.h"

namespace rrt {

class NetworkFaults;
class NodeProcesses;
class NodeView;

// What faults act on: the seams of the system under test (capability.h). `nodes` and `clock`
// are always set during a run; `processes` and `network` are null when the backend has no such
// mechanism (a scenario needing them is refused before it starts, so a fault finding one null
// throws UsageError).
struct FaultContext {
  NodeView* nodes = nullptr;
  NodeProcesses* processes = nullptr;
  NetworkFaults* network = nullptr;
  Clock* clock = nullptr;
  // While a fault starts: how long its step is scheduled to last (the step's `for`; 0: none).
  Nanos hold = 0;
};

class Fault {
 public:
  virtual ~Fault() = default;
  // Verb as written in scenarios: "kill", "pause", "partition", ...
  virtual std::string name() const = 0;
  // Throws EnvironmentError if it could not be applied, UsageError for a bad target.
  virtual FaultDetail start(FaultContext& ctx) = 0;
  // Undoes start(); nothing for faults with nothing to undo (e.g. SENTINEL FAILOVER), which
  // records no stop event.
  virtual std::optional<FaultDetail> stop(FaultContext& ctx) = 0;
  // What it needs from the backend; a scenario with a fault whose needs its backend lacks is
  // refused before anything starts (system/fault_support.h).
  virtual std::vector<Capability> needs() const = 0;
};

}  // namespace rrt
