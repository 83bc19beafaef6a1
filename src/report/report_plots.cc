#include "report/report_plots.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "report/markup.h"
#include "report/svg_plot.h"

namespace rrt {

namespace {

double sec(Nanos t) {
  return static_cast<double>(t) / kSeconds;
}

double end_seconds(const RunData& data) {
  return std::max(sec(data.end), 0.001);
}

void shade_faults(SvgPlot& plot, const Timeline& t) {
  for (const FaultBand& f : t.faults) {
    plot.band(sec(f.from), sec(f.to), "band",
              fmt::format("{} from {:.3f} s to {:.3f} s", f.label, sec(f.from), sec(f.to)));
  }
}

const char* outcome_class(OpType t) {
  switch (t) {
    case OpType::kOk:
      return "ok";
    case OpType::kFail:
      return "fail";
    default:
      return "info";
  }
}

// Completions per bin and outcome; the bin is 100 ms, widened to keep at most kMaxBins.
struct Bins {
  Nanos width = 100 * kMillis;
  std::vector<std::array<int64_t, 3>> counts;  // ok, fail, info
};

Bins bin_completions(const RunData& data) {
  Bins b;
  while (data.end / b.width + 1 > static_cast<Nanos>(kMaxBins)) b.width *= 2;
  b.counts.assign(data.end / b.width + 1, {0, 0, 0});
  for (const OpSample& s : data.ops) {
    size_t i = std::clamp<Nanos>(s.end / b.width, 0, b.counts.size() - 1);
    ++b.counts[i][s.outcome == OpType::kOk ? 0 : s.outcome == OpType::kFail ? 1 : 2];
  }
  return b;
}

}  // namespace

std::string timeline_svg(const RunData& data, const Timeline& t) {
  std::vector<std::string> lanes = {"faults", "sentinels"};
  for (const auto& [node, spans] : t.roles) lanes.push_back(node);
  Frame frame;
  frame.height = frame.top + frame.bottom + 24 * static_cast<int>(lanes.size());
  double end = end_seconds(data);
  SvgPlot plot(frame, 0, end, lanes.size(), 0);
  plot.x_axis("seconds since the lab was ready");
  plot.lane_names(lanes);
  for (const FaultBand& f : t.faults) {
    std::string title = fmt::format("{}: {:.3f} s to {:.3f} s", f.label, sec(f.from), sec(f.to));
    plot.band(sec(f.from), sec(f.to), "band", title);
    plot.rect(sec(f.from), sec(f.to), 0.15, 0.85, "fault", title);
    if (t.faults.size() <= 12) plot.text(sec(f.from), 0.72, f.label, "fault-label");
  }
  for (const Mark& m : t.sentinel) {
    std::string cls = m.name == "+switch-master" ? "mark switch" : "mark";
    plot.rect(sec(m.time), sec(m.time), 1.1, 1.9, cls,
              fmt::format("{:.3f} s {} {}", sec(m.time), m.name, m.detail));
  }
  size_t lane = 2;
  for (const auto& [node, spans] : t.roles) {
    for (const RoleSpan& s : spans) {
      plot.rect(
          sec(s.from), sec(s.to), lane + 0.2, lane + 0.8, "role-" + s.role,
          fmt::format("{} {} from {:.3f} s to {:.3f} s", node, s.role, sec(s.from), sec(s.to)));
    }
    ++lane;
  }
  for (const char* role : {"master", "replica", "unresponsive", "down"}) {
    plot.legend(role, std::string("role-") + role);
  }
  return plot.svg("timeline: faults, Sentinel events, and each node's role");
}

std::string latency_svg(const RunData& data, const Timeline& t, uint16_t f) {
  double lo = 1e18, hi = 0;
  for (const OpSample& s : data.ops) {
    if (s.f != f) continue;
    double ms = std::max(static_cast<double>(s.end - s.start) / kMillis, 0.01);
    lo = std::min(lo, ms);
    hi = std::max(hi, ms);
  }
  if (hi == 0) return "";
  Frame frame;
  frame.height = 240;
  SvgPlot plot(frame, 0, end_seconds(data), std::pow(10, std::floor(std::log10(lo))),
               std::pow(10, std::ceil(std::log10(hi) + 1e-9)), true);
  shade_faults(plot, t);
  plot.x_axis("seconds since the lab was ready (operation's start)");
  plot.y_axis("latency, ms (log)");
  for (OpType outcome : {OpType::kOk, OpType::kFail, OpType::kInfo}) {
    std::vector<Point> px;
    for (const OpSample& s : data.ops) {
      if (s.f != f || s.outcome != outcome) continue;
      double ms = std::max(static_cast<double>(s.end - s.start) / kMillis, 0.01);
      px.push_back({plot.px(sec(s.start)), plot.py(ms)});
    }
    plot.dots(merge_by_cell(px, 1.5, kMaxDotsPerOutcome),
              std::string("dot ") + outcome_class(outcome));
  }
  plot.legend("ok", "ok");
  plot.legend("fail", "fail");
  plot.legend("info (unknown)", "info");
  return plot.svg("latency of " + data.fs[f] + " operations over time");
}

std::string throughput_svg(const RunData& data, const Timeline& t) {
  if (data.ops.empty()) return "";
  Bins b = bin_completions(data);
  double per_s = static_cast<double>(kSeconds) / b.width, top = 1;
  for (const auto& c : b.counts) top = std::max<double>(top, std::max({c[0], c[1], c[2]}) * per_s);
  Frame frame;
  SvgPlot plot(frame, 0, end_seconds(data), 0, top * 1.05);
  shade_faults(plot, t);
  plot.x_axis(fmt::format("seconds (completions per {} ms bin)", b.width / kMillis));
  plot.y_axis("ops/s");
  const char* classes[] = {"line ok", "line fail", "line info"};
  for (int k = 0; k < 3; ++k) {
    std::vector<Point> line;
    for (size_t i = 0; i < b.counts.size(); ++i) {
      line.push_back({sec(i * b.width + b.width / 2), b.counts[i][k] * per_s});
    }
    plot.polyline(line, classes[k]);
  }
  plot.legend("ok", "ok");
  plot.legend("fail", "fail");
  plot.legend("info (unknown)", "info");
  return plot.svg("completed operations per second, by outcome");
}

std::string error_rate_svg(const RunData& data, const Timeline& t) {
  if (data.ops.empty()) return "";
  Bins b = bin_completions(data);
  Frame frame;
  frame.height = 160;
  SvgPlot plot(frame, 0, end_seconds(data), 0, 100);
  shade_faults(plot, t);
  plot.x_axis(fmt::format("seconds ({} ms bins)", b.width / kMillis));
  plot.y_axis("% errors");
  std::vector<Point> line;
  for (size_t i = 0; i < b.counts.size(); ++i) {
    int64_t all = b.counts[i][0] + b.counts[i][1] + b.counts[i][2];
    if (all == 0) continue;
    line.push_back({sec(i * b.width + b.width / 2),
                    100.0 * (b.counts[i][1] + b.counts[i][2]) / static_cast<double>(all)});
  }
  plot.polyline(line, "line fail");
  return plot.svg("share of operations that failed or timed out, per bin");
}

std::string lag_svg(const RunData& data, const Timeline& t) {
  int64_t top = 0;
  for (const auto& [node, samples] : t.lag) {
    for (const auto& s : samples) top = std::max(top, s.second);
  }
  if (top == 0) return "";
  Frame frame;
  frame.height = 180;
  SvgPlot plot(frame, 0, end_seconds(data), 0, top * 1.05);
  shade_faults(plot, t);
  plot.x_axis("seconds");
  plot.y_axis("bytes behind");
  int k = 0;
  for (const auto& [node, samples] : t.lag) {
    std::vector<Point> line;
    for (const auto& [at, lag] : samples) line.push_back({sec(at), static_cast<double>(lag)});
    std::string cls = fmt::format("line c{}", k++ % 6);
    plot.polyline(line, cls);
    plot.legend(node, cls);
  }
  return plot.svg("replication lag: bytes behind the most advanced node");
}

std::string anatomy_svg(const nlohmann::json& failover) {
  const nlohmann::json phases = failover.value("phases", nlohmann::json::object());
  std::vector<std::pair<double, std::string>> points = {{0, "fault"}};
  for (const auto& [name, ms] : phases.items()) {
    if (ms.is_number()) points.push_back({ms.get<double>(), name});
  }
  std::stable_sort(points.begin(), points.end());
  const nlohmann::json outage = failover.value("outage", nlohmann::json::object());
  double end = points.back().first;
  if (outage.value("to_ms", nlohmann::json()).is_number())
    end = std::max(end, outage["to_ms"].get<double>());
  double start = std::min(0.0, outage.value("from_ms", 0.0));
  Frame frame;
  frame.height = frame.top + frame.bottom + 2 * 30 + 14;
  SvgPlot plot(frame, start, std::max(end * 1.02, start + 1), 2, 0);
  plot.x_axis("ms since the fault");
  plot.lane_names({"phases", "write outage"});
  for (size_t i = 0; i + 1 < points.size(); ++i) {
    const auto& [a, from] = points[i];
    const auto& [b, to] = points[i + 1];
    plot.rect(a, b, 0.15, 0.85, fmt::format("phase c{}", i % 6),
              fmt::format("{} -> {}: {:.0f} ms", from, to, b - a));
  }
  for (size_t i = 1; i < points.size(); ++i) {
    plot.vline(points[i].first, "phase-mark",
               fmt::format("{} at {:.0f} ms", points[i].second, points[i].first));
    plot.text(points[i].first, i % 2 ? 0.12 : 1.0, points[i].second, "phase-label");
  }
  if (outage.contains("ms") && outage["ms"].is_number()) {
    plot.rect(outage.value("from_ms", 0.0), outage.value("to_ms", 0.0), 1.25, 1.75, "outage",
              fmt::format("no acknowledged write for {:.0f} ms", outage["ms"].get<double>()));
  }
  return plot.svg("failover anatomy: phases from the fault to the first write on the new master");
}

std::string counterexample_svg(const nlohmann::json& cx) {
  const nlohmann::json window = cx.value("window", nlohmann::json::array());
  if (window.empty()) return "";
  std::map<int64_t, int> lane_of;
  Nanos lo = INT64_MAX, hi = 0;
  for (const auto& op : window) {
    lane_of.emplace(op.value("process", int64_t{0}), 0);
    lo = std::min(lo, op.value("invoke_time", Nanos{0}));
    hi = std::max({hi, op.value("complete_time", Nanos{0}), op.value("invoke_time", Nanos{0})});
  }
  std::vector<std::string> names;
  for (auto& [process, lane] : lane_of) {
    lane = static_cast<int>(names.size());
    names.push_back(fmt::format("process {}", process));
  }
  Frame frame;
  frame.height = frame.top + frame.bottom + 28 * static_cast<int>(names.size());
  double span = std::max<double>(hi - lo, 1);
  SvgPlot plot(frame, 0, span / kMillis * 1.05, names.size(), 0);
  plot.x_axis("ms since the window opened");
  plot.lane_names(names);
  const nlohmann::json failed = cx.value("failed_op", nlohmann::json::object());
  for (const auto& op : window) {
    int lane = lane_of[op.value("process", int64_t{0})];
    double a = static_cast<double>(op.value("invoke_time", lo) - lo) / kMillis;
    bool done = op.contains("complete_time");
    double b = done ? static_cast<double>(op["complete_time"].get<Nanos>() - lo) / kMillis
                    : span / kMillis * 1.05;
    bool is_failed = op.value("invoke_index", -1) == failed.value("invoke_index", -2);
    std::string cls = is_failed ? "cx failed" : op.value("required", true) ? "cx" : "cx optional";
    std::string text = op.value("text", "");
    plot.rect(
        a, b, lane + 0.15, lane + 0.85, cls,
        fmt::format("{} ({:.3f} .. {} ms){}", text, a, done ? fmt::format("{:.3f}", b) : "never",
                    is_failed ? ": cannot be linearized" : ""));
    plot.text(a, lane + 0.62, text, "cx-label");
  }
  return plot.svg("the smallest window of operations that cannot be linearized");
}

}  // namespace rrt
