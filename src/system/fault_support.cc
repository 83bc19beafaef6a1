#include "system/fault_support.h"

#include <fmt/format.h>

#include "base/errors.h"
#include "base/option_reader.h"
#include "fault/fault_registry.h"

namespace rrt {

void check_fault_support(const Scenario& s, const std::string& backend, const LacksFn& lacks) {
  for (const auto& step : s.faults) {
    for (Capability c : make_fault(step.verb, step.args)->needs()) {
      std::string why = lacks(c, step);
      if (why.empty()) continue;
      throw UsageError(fmt::format("scenario {}: fault '{}' at {} cannot run on {}: {}", s.name,
                                   step.verb, format_duration(step.at), backend, why));
    }
  }
}

void check_fault_support(const Scenario& s, SystemUnderTest& system) {
  check_fault_support(s, system.backend(),
                      [&](Capability c, const FaultStep& step) { return system.lacks(c, step); });
}

}  // namespace rrt
