// The few numbers a person should take away from a run, in plain words, read from its
// results.json: "writes were refused for 3.31 s", "2020 acknowledged increments were lost",
// "4.1% of replica reads were stale". The one place these sentences are worded: the terminal
// summary of the tour and the top of report.html both use it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace rrt {

// One sentence per fact, failovers first, then what the checks found; empty if the results
// hold none we know.
std::vector<std::string> key_numbers(const nlohmann::json& results);

}  // namespace rrt
