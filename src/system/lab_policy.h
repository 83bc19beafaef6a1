// What a lab refuses before it starts: faults its hosts cannot run. (Network faults on plain
// loopback hosts are refused by the runner, which knows which faults touch the network.)
#pragma once

#include "scenario/scenario.h"

namespace rrt {

// Throws UsageError for the first fault step of `scenario` its lab's hosts cannot run (a
// latency fault on netns hosts), naming the fault, when it was scheduled, the reason and the
// hosts that can.
void check_lab_faults(const Scenario& scenario);

}  // namespace rrt
