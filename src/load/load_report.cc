#include "load/load_report.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace rrt {

double LoadReport::ops_per_sec() const {
  return elapsed > 0 ? static_cast<double>(operations()) * 1e9 / static_cast<double>(elapsed) : 0;
}

void LoadReport::count(const CallResult& result, Nanos latency_ns) {
  switch (result.outcome) {
    case Outcome::kOk:
      ++ok;
      latency.record(latency_ns);
      return;
    case Outcome::kFail:
      ++fail;
      break;
    default:
      ++info;
      break;
  }
  ++errors[result.error.empty() ? "unknown" : result.error];
}

void LoadReport::merge(const LoadReport& other) {
  ok += other.ok;
  fail += other.fail;
  info += other.info;
  connects += other.connects;
  for (const auto& [kind, n] : other.errors) errors[kind] += n;
  latency.merge(other.latency);
  elapsed = std::max(elapsed, other.elapsed);
}

static double ms(Nanos ns) {
  return static_cast<double>(ns) / kMillis;
}

nlohmann::json to_json(const LoadReport& r) {
  const LatencyHistogram& h = r.latency;
  return {{"operations", r.operations()},
          {"ok", r.ok},
          {"fail", r.fail},
          {"info", r.info},
          {"ops_per_sec", r.ops_per_sec()},
          {"elapsed_s", static_cast<double>(r.elapsed) / kSeconds},
          {"connects", r.connects},
          {"errors", r.errors},
          {"latency_ms",
           {{"p50", ms(h.percentile(50))},
            {"p90", ms(h.percentile(90))},
            {"p99", ms(h.percentile(99))},
            {"p99_9", ms(h.percentile(99.9))},
            {"max", ms(h.max())},
            {"mean", h.mean() / kMillis}}}};
}

std::string to_text(const LoadReport& r) {
  const LatencyHistogram& h = r.latency;
  std::string text =
      fmt::format("{:.0f} ops/s: {} operations in {:.2f} s: {} ok, {} fail, {} info; {} connects\n",
                  r.ops_per_sec(), r.operations(), static_cast<double>(r.elapsed) / kSeconds, r.ok,
                  r.fail, r.info, r.connects);
  for (const auto& [kind, n] : r.errors) text += fmt::format("  error {}: {}\n", kind, n);
  text +=
      fmt::format("latency ms (ok): p50 {:.3f}  p90 {:.3f}  p99 {:.3f}  p99.9 {:.3f}  max {:.3f}",
                  ms(h.percentile(50)), ms(h.percentile(90)), ms(h.percentile(99)),
                  ms(h.percentile(99.9)), ms(h.max()));
  return text;
}

std::string to_line(const LoadReport& r) {
  std::string out = fmt::format("{} ok, {} fail, {} info", r.ok, r.fail, r.info);
  if (!r.errors.empty()) {
    std::string kinds;
    for (const auto& [kind, n] : r.errors) {
      kinds += fmt::format("{}{} {}", kinds.empty() ? "" : ", ", kind, n);
    }
    out += " (" + kinds + ")";
  }
  return out + fmt::format(", {:.0f} ops/s", r.ops_per_sec());
}

}  // namespace rrt
