// The guided tour (`rrt tour`): the shipped exercises in teaching order, each with what to take
// away, and the index page that links every run's report.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "run/run_overrides.h"

namespace rrt {

struct TourStop {
  std::string scenario;      // a shipped scenario name
  std::string takeaway;      // printed after the run, under its key numbers
  RunOverrides quick;        // what --quick changes (shorter runs; same lesson)
  bool needs_netns = false;  // network partitions: needs root for namespaces
};

const std::vector<TourStop>& tour_stops();

// One finished (or skipped) stop, for the index page.
struct TourEntry {
  std::string scenario;
  std::string status;   // "pass", "fail", "unknown", or "skipped: <why>"
  std::string run_dir;  // empty when skipped
  std::vector<std::string> numbers;
  std::string takeaway;
};

// Writes <dir>/index.html: one self-contained page with a row per stop, linking each run's
// report.html and results.json (relative links, so the runs directory can be moved).
void write_tour_index(const std::string& dir, const std::vector<TourEntry>& entries);

}  // namespace rrt
