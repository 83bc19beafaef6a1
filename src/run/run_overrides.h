// Command-line overrides of a scenario (`rrt run --clients/--ops/--duration`, the tour's quick
// mode), applied after the file is loaded.
#pragma once

#include <string>

#include "scenario/scenario.h"

namespace rrt {

struct RunOverrides {
  int clients = 0;       // per workload; 0: as the scenario says
  int ops = 0;           // per client; 0: as the scenario says
  std::string duration;  // e.g. "8s"; empty: as the scenario says
};

// A shorter duration drops the faults that would start after the new end, and says so on
// stderr. Throws UsageError for a bad duration.
void apply_overrides(const RunOverrides& o, Scenario* s);

}  // namespace rrt
