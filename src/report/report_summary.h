// The top of the report: verdict, scenario and topology, key numbers in plain words, and one
// row per check.
#pragma once

#include <string>
#include <vector>

#include "report/report_data.h"

namespace rrt {

// The run's key numbers (report/key_numbers.h), then what its operations came to:
// "5000 operations in 8.0 s: 4990 ok, 8 failed, 2 unknown (timeout or lost connection)".
std::vector<std::string> run_numbers(const RunData& data);

// The summary section as HTML.
std::string summary_html(const RunData& data);

}  // namespace rrt
