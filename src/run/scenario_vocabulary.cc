#include "run/scenario_vocabulary.h"

#include "fault/fault_registry.h"
#include "workload/workload.h"

namespace rrt {

ScenarioVocabulary scenario_vocabulary() {
  ScenarioVocabulary v;
  for (const FaultVerb& verb : fault_verbs()) v.fault_verbs[verb.verb] = {verb.main_arg, verb.args};
  v.fault_verb_names = fault_verb_names();
  for (const WorkloadKind& k : workload_kinds()) {
    v.workload_kind_names += (v.workload_kind_names.empty() ? "" : ", ") + std::string(k.kind);
  }
  // Creating a fault or a workload validates its options; the loader discards what it made.
  v.check_fault = [](const std::string& verb, const nlohmann::json& args) {
    make_fault(verb, args);
  };
  v.check_workload = [](const std::string& kind, const nlohmann::json& options) {
    make_workload(kind, options);
  };
  return v;
}

}  // namespace rrt
