// Where scenarios are found by name. `rrt run sentinel-kill-master` looks for
// sentinel-kill-master.yaml in, first hit wins:
//   1. every directory of $RRT_SCENARIOS (colon-separated);
//   2. scenarios/ beside the executable, then ../scenarios and ../share/rrt/scenarios from it
//      (a build directory inside the source tree, an installed prefix);
//   3. the scenarios/ directory of the source tree the binary was built from.
#pragma once

#include <string>
#include <vector>

#include "base/clock.h"
#include "scenario/scenario_loader.h"

namespace rrt {

// The directories above that exist, in search order, without duplicates.
std::vector<std::string> scenario_dirs();

// A path for `file_or_name`: itself if it names an existing file or ends in .yaml / .yml,
// else <dir>/<name>.yaml from scenario_dirs(). Throws UsageError listing the known names.
std::string find_scenario(const std::string& file_or_name);

struct CatalogEntry {
  std::string name;
  std::string path;
  std::string summary;  // or the load error, for a broken file
  Nanos duration = 0;
  bool broken = false;
};

// Every scenario in scenario_dirs(), by name (a name in an earlier directory hides later ones),
// loaded with `vocabulary` to read its summary or its error.
std::vector<CatalogEntry> list_scenarios(const ScenarioVocabulary& vocabulary);

}  // namespace rrt
