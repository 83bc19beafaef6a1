// The one place a scenario is refused for faults its system under test cannot run: every fault
// declares what it needs (fault/capability.h), every system says what it lacks and why.
#pragma once

#include <functional>
#include <string>

#include "fault/capability.h"
#include "scenario/scenario.h"
#include "system/system_under_test.h"

namespace rrt {

// What a backend lacks: "" if it gives faults `capability` for `step`, else why not.
using LacksFn = std::function<std::string(Capability capability, const FaultStep& step)>;

// Throws UsageError for the first fault step whose needs `lacks` names, naming the scenario,
// the fault and when it was scheduled, `backend`, and what would make it possible. Call before
// anything starts.
void check_fault_support(const Scenario& scenario, const std::string& backend,
                         const LacksFn& lacks);
// The same with the system's own lacks() and backend().
void check_fault_support(const Scenario& scenario, SystemUnderTest& system);

}  // namespace rrt
