// The anomalies section: for each check that found something, the operations that show it
// (lost writes, stale reads, ...) as a table, and a linearizability counterexample drawn as a
// window of operations on per-process lanes.
#pragma once

#include <string>

#include "report/report_data.h"

namespace rrt {

constexpr size_t kMaxEvidenceRows = 100;

// Empty when no check was invalid.
std::string anomalies_html(const RunData& data);

}  // namespace rrt
