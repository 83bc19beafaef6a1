// The report's pictures, each a finished <svg> element (empty string: nothing to draw).
// Every plot over run time shares one frame and x range (0 .. end of run, in seconds), and
// shades the fault bands, so one can read down the page at one moment.
//
// Size: the latency plot draws each operation as a dot, merged per pixel cell (merge_by_cell)
// and capped per outcome, and the rate plots use at most kMaxBins bins, so a 1,000,000-op run
// gives a page of the same order of size as a 10,000-op one.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "report/report_data.h"
#include "report/report_timeline.h"

namespace rrt {

constexpr size_t kMaxDotsPerOutcome = 6000;
constexpr size_t kMaxBins = 1200;
constexpr size_t kMinBins = 40;

// Faults, Sentinel events and each node's role, on lanes.
std::string timeline_svg(const RunData& data, const Timeline& timeline);
// Latency of every operation named fs[f] against its start time, by outcome (log scale).
std::string latency_svg(const RunData& data, const Timeline& timeline, uint16_t f);
// Completions per second by outcome, and the share of errors, per 100 ms bin (wider for long
// runs, narrower for runs under 4 s).
std::string throughput_svg(const RunData& data, const Timeline& timeline);
std::string error_rate_svg(const RunData& data, const Timeline& timeline);
// Replication lag in bytes per node; empty if no offsets were sampled.
std::string lag_svg(const RunData& data, const Timeline& timeline);
// One failover (an entry of results.json "failover"."failovers") as a bar of phases.
std::string anatomy_svg(const nlohmann::json& failover);
// A linearizability counterexample's window (check "counterexample") on per-process lanes.
std::string counterexample_svg(const nlohmann::json& counterexample);

}  // namespace rrt
