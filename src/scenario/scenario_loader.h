// Reads scenario files (YAML; the format is in docs/scenarios.md) into Scenario values.
//
// Strict on purpose: unknown keys, unknown fault verbs, workload kinds and checks, bad option
// values and faults scheduled after the run's end are errors naming file:line:column, because a
// typo must not silently turn a fault off. Workloads and faults are created once here, only to
// validate their options; the runner creates its own.
#pragma once

#include <string>

#include "scenario/scenario.h"

namespace rrt {

// Throws UsageError ("file:line:column: ...") or EnvironmentError (unreadable file).
Scenario load_scenario_file(const std::string& path);

// `text` is the YAML; `file` names it in errors; `default_name` is used when there is no
// `name:` key.
Scenario parse_scenario(const std::string& text, const std::string& file,
                        const std::string& default_name = "scenario");

}  // namespace rrt
