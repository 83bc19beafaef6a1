// What rrt allows itself on a deployment it did not start:
//   - without --allow-faults no fault at all: rrt only observes, loads (bounded rate), checks;
//   - with it, only faults that act through Redis commands (FaultVerb::remote: client-pause,
//     sentinel-failover); faults that need a process or network rrt started are refused;
//   - the total request rate of all workloads is capped (--max-rate).
#pragma once

#include "scenario/scenario.h"

namespace rrt {

constexpr double kDefaultMaxRate = 200;  // ops/s of all workloads together
constexpr double kMaxMaxRate = 50000;

// Throws UsageError for the first fault step refused, naming the fault, when it was scheduled,
// and the flag or the faults that would work.
void check_external_faults(const Scenario& scenario, bool allow_faults);

// Lowers every workload's `rate` so that together they stay at or below `max_rate` ops/s (an
// equal share each). Throws UsageError if `max_rate` is outside 1..kMaxMaxRate.
void cap_workload_rates(Scenario& scenario, double max_rate);

// "client-pause, sentinel-failover": the verbs that can run on an external target.
std::string remote_fault_names();

}  // namespace rrt
