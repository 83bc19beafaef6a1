// Reads scenario files (YAML; the format is in docs/scenarios.md) into Scenario values.
//
// Strict on purpose: unknown keys, unknown fault verbs, workload kinds and checks, bad option
// values and faults scheduled after the run's end are errors naming file:line:column, because a
// typo must not silently turn a fault off. Workloads and faults are created once here, only to
// validate their options; the runner creates its own.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "scenario/scenario.h"

namespace rrt {

// The fault verbs and workload kinds a scenario may name, and how to check their options. The
// folders that implement them fill it (run/scenario_vocabulary.h), so this model depends on
// neither.
struct ScenarioVocabulary {
  struct FaultVerb {
    std::string main_arg;  // the option a scalar stands for (`kill: master`); empty: none
    std::string args;      // its options, for error messages
  };
  std::map<std::string, FaultVerb> fault_verbs;
  std::string fault_verb_names;     // "kill, shutdown, pause, ...", as error messages list them
  std::string workload_kind_names;  // "stale-reads, counter, ...", likewise
  // Each throws OptionError (a UsageError naming the option) or UsageError for bad options.
  std::function<void(const std::string& verb, const nlohmann::json& args)> check_fault;
  std::function<void(const std::string& kind, const nlohmann::json& options)> check_workload;
};

// Throws UsageError ("file:line:column: ...") or EnvironmentError (unreadable file).
Scenario load_scenario_file(const std::string& path, const ScenarioVocabulary& vocabulary);

// `text` is the YAML; `file` names it in errors; `default_name` is used when there is no
// `name:` key.
Scenario parse_scenario(const std::string& text, const std::string& file,
                        const ScenarioVocabulary& vocabulary,
                        const std::string& default_name = "scenario");

}  // namespace rrt
