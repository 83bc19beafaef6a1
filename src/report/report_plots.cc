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

constexpr double kSmallFont = 10;  // px: svg .fault-label and .cx-label in report_style.cc

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

// The role a node was seen in at `at` ("" before its first span).
std::string role_at(const std::vector<RoleSpan>& spans, Nanos at) {
  std::string role;
  for (const RoleSpan& s : spans) {
    if (s.from > at) break;
    role = s.role;
  }
  return role;
}

// Completions per bin and outcome; the bin is 100 ms, widened to keep at most kMaxBins, or
// narrowed (to 50, 20, ... 1 ms) so that a run of a few hundred ms still has kMinBins.
struct Bins {
  Nanos width = 100 * kMillis;
  std::vector<std::array<int64_t, 3>> counts;  // ok, fail, info
};

Bins bin_completions(const RunData& data) {
  Bins b;
  while (data.end / b.width + 1 > static_cast<Nanos>(kMaxBins)) b.width *= 2;
  for (int ms : {50, 20, 10, 5, 2, 1}) {
    if (data.end / b.width >= static_cast<Nanos>(kMinBins)) break;
    b.width = ms * kMillis;
  }
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
  double labels_end = -1e9;  // right edge of the last fault label drawn
  for (const FaultBand& f : t.faults) {
    std::string title = fmt::format("{}: {:.3f} s to {:.3f} s", f.label, sec(f.from), sec(f.to));
    plot.band(sec(f.from), sec(f.to), "band", title);
    plot.rect(sec(f.from), sec(f.to), 0.15, 0.85, "fault", title);
    // In its bar, unless it would overlap the previous label (the tooltip still has it).
    double x = plot.px(sec(f.from)), w = text_width(f.label, kSmallFont);
    bool anchor_end = x + w > frame.width - frame.right;
    if ((anchor_end ? x - w : x) < labels_end + 6) continue;
    plot.text(sec(f.from), 0.72, f.label, "fault-label", anchor_end);
    labels_end = anchor_end ? x : x + w;
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

namespace {

// A node's down or unresponsive spans (it had no offset then), shaded and labelled.
void shade_down_spans(SvgPlot& plot, const std::string& node, const std::vector<RoleSpan>& roles) {
  for (const RoleSpan& s : roles) {
    if (s.role != "down" && s.role != "unresponsive") continue;
    std::string title = fmt::format("{} {} from {:.3f} s to {:.3f} s: no offset", node, s.role,
                                    sec(s.from), sec(s.to));
    plot.band(sec(s.from), sec(s.to), "gap", title);
    plot.top_label(sec(s.from), node + " " + s.role, "gap-label", title);
  }
}

// One run of a node's lag samples: a line, dashed where the node answered as a master (pieces
// of one kind share their boundary sample); a lone sample is a dot.
void draw_lag_run(SvgPlot& plot, const std::vector<std::pair<Nanos, int64_t>>& run,
                  const std::vector<RoleSpan>& roles, const std::string& color) {
  if (run.size() == 1) {
    plot.dots({{plot.px(sec(run[0].first)), plot.py(static_cast<double>(run[0].second))}},
              "dot " + color);
    return;
  }
  std::vector<Point> piece;
  bool as_master = false;
  for (size_t i = 0; i < run.size(); ++i) {
    const auto& [at, lag] = run[i];
    bool m = role_at(roles, at) == "master";
    if (i > 0 && m != as_master) {
      plot.polyline(piece, "line " + color + (as_master ? " as-master" : ""));
      piece = {piece.back()};
    }
    as_master = m;
    piece.push_back({sec(at), static_cast<double>(lag)});
  }
  plot.polyline(piece, "line " + color + (as_master ? " as-master" : ""));
}

}  // namespace

// Each node's lag as a line, broken where the node had no offset, so a dead node reads as
// down (a shaded span), not as a node falling behind while it is dead.
std::string lag_svg(const RunData& data, const Timeline& t) {
  int64_t top = 0;
  for (const auto& [node, runs] : t.lag) {
    for (const auto& run : runs) {
      for (const auto& s : run) top = std::max(top, s.second);
    }
  }
  if (top == 0) return "";
  Frame frame;
  frame.height = 180;
  SvgPlot plot(frame, 0, end_seconds(data), 0, top * 1.05);
  shade_faults(plot, t);
  plot.x_axis("seconds");
  plot.y_axis("bytes behind");
  static const std::vector<RoleSpan> kNoRoles;
  auto roles_of = [&](const std::string& node) -> const std::vector<RoleSpan>& {
    auto it = t.roles.find(node);
    return it == t.roles.end() ? kNoRoles : it->second;
  };
  for (const auto& [node, runs] : t.lag) shade_down_spans(plot, node, roles_of(node));
  int k = 0;
  for (const auto& [node, runs] : t.lag) {
    std::string color = fmt::format("c{}", k++ % 6);
    for (const auto& run : runs) draw_lag_run(plot, run, roles_of(node), color);
    plot.legend(node, color);
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
    std::string title = fmt::format("{} at {:.0f} ms", points[i].second, points[i].first);
    plot.vline(points[i].first, "phase-mark", title);
    plot.top_label(points[i].first, points[i].second, "phase-label", title);
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
  // A label may run until the next operation of its lane starts (a process runs one at a time).
  std::map<int, std::vector<double>> starts;
  for (const auto& op : window) {
    starts[lane_of[op.value("process", int64_t{0})]].push_back(
        static_cast<double>(op.value("invoke_time", lo) - lo) / kMillis);
  }
  for (auto& [lane, xs] : starts) std::sort(xs.begin(), xs.end());
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
    const std::vector<double>& xs = starts[lane];
    auto next = std::upper_bound(xs.begin(), xs.end(), a);
    double room = (next == xs.end() ? frame.width - frame.right : plot.px(*next)) - plot.px(a) - 4;
    std::string label = fit_text(text, room, kSmallFont);
    if (!label.empty()) plot.text(a, lane + 0.62, label, "cx-label");
  }
  return plot.svg("the smallest window of operations that cannot be linearized");
}

}  // namespace rrt
