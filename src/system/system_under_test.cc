#include "system/system_under_test.h"

#include "system/external_system.h"
#include "system/fault_support.h"
#include "system/lab_policy.h"
#include "system/lab_system.h"

namespace rrt {

std::unique_ptr<SystemUnderTest> make_system_under_test(Scenario& scenario,
                                                        const ExternalOptions& external) {
  if (external.url.empty()) {
    // Before the lab exists: netns hosts would need root just to be refused.
    check_fault_support(scenario, lab_backend(scenario.lab),
                        [&](Capability c, const FaultStep&) { return lab_lacks(scenario.lab, c); });
    return std::make_unique<LabSystem>(scenario.lab);
  }
  return std::make_unique<ExternalSystem>(scenario, external);
}

}  // namespace rrt
