#include "system/system_under_test.h"

#include "k8s/k8s_target.h"
#include "resp/url.h"
#include "system/external_system.h"
#include "system/fault_support.h"
#include "system/k8s_system.h"
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
  if (split_url(external.url).scheme == Scheme::kK8s) {
    K8sTarget t = parse_k8s_target(external.url);
    K8sSystemOptions o;
    o.kubectl.context = t.context;
    o.kubectl.ns = t.ns;
    o.release = t.release;
    o.external = external;
    o.external.url.clear();  // the release's own service
    return std::make_unique<K8sSystem>(scenario, std::move(o));
  }
  return std::make_unique<ExternalSystem>(scenario, external);
}

}  // namespace rrt
