#include "system/system_under_test.h"

#include "system/external_system.h"
#include "system/lab_policy.h"
#include "system/lab_system.h"

namespace rrt {

std::unique_ptr<SystemUnderTest> make_system_under_test(Scenario& scenario,
                                                        const ExternalOptions& external) {
  if (external.url.empty()) {
    check_lab_faults(scenario);
    return std::make_unique<LabSystem>(scenario.lab);
  }
  return std::make_unique<ExternalSystem>(scenario, external);
}

}  // namespace rrt
