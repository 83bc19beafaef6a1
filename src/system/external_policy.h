// What rrt allows itself on a deployment it did not start:
//   - without --allow-faults no fault at all: rrt only observes, loads (bounded rate), checks;
//   - with it, the faults the wire allows (system/external_nodes.h): kill and shutdown through
//     SHUTDOWN (for deployments whose supervisor restarts Redis), pause through DEBUG SLEEP
//     (where DEBUG is enabled), client-pause, sentinel-failover, failover, cluster-failover;
//     faults that need a process or network rrt started are refused;
//   - the total request rate of all workloads is capped (--max-rate).
#pragma once

#include <string>

#include "fault/capability.h"
#include "scenario/scenario.h"

namespace rrt {

constexpr double kDefaultMaxRate = 200;  // ops/s of all workloads together
constexpr double kMaxMaxRate = 50000;

// Throws UsageError for the first fault step when `allow_faults` is false, naming the fault,
// when it was scheduled, and the flag.
void check_external_faults(const Scenario& scenario, bool allow_faults);

// "" if an external target can give faults `capability` for `step` (as far as can be told
// without asking it: DEBUG is probed by ExternalSystem), else why not and what would.
std::string external_lacks(Capability capability, const FaultStep& step);

// Lowers every workload's `rate` so that together they stay at or below `max_rate` ops/s (an
// equal share each). Throws UsageError if `max_rate` is outside 1..kMaxMaxRate.
void cap_workload_rates(Scenario& scenario, double max_rate);

}  // namespace rrt
