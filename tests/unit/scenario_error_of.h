// Shared by the scenario loader tests: the error a scenario text is rejected with.
#pragma once

#include <string>

#include "base/errors.h"
#include "run/scenario_vocabulary.h"
#include "scenario/scenario_loader.h"

namespace rrt::testing {

// The error message parse_scenario throws for `yaml` (read as file "t.yaml"), or "" if it parses.
inline std::string error_of(const std::string& yaml) {
  try {
    parse_scenario(yaml, "t.yaml", scenario_vocabulary());
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

}  // namespace rrt::testing
