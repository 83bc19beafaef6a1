// The vocabulary the scenario loader checks scenarios against: the fault verbs of
// fault/fault_registry.h and the workload kinds of workload/workload.h.
#pragma once

#include "scenario/scenario_loader.h"

namespace rrt {

ScenarioVocabulary scenario_vocabulary();

}  // namespace rrt
