// The top of the report: verdict, scenario and topology, key numbers in plain words, and one
// row per check.
#pragma once

#include <string>
#include <vector>

#include "report/report_data.h"

namespace rrt {

// Sentences such as "writes were refused for 3.42 s" and "118 acknowledged writes were lost",
// from results.json and the operation counts; the most important first.
std::vector<std::string> key_numbers(const RunData& data);

// The summary section as HTML.
std::string summary_html(const RunData& data);

}  // namespace rrt
