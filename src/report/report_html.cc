#include "report/report_html.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "base/duration.h"
#include "report/markup.h"
#include "report/report_anomalies.h"
#include "report/report_plots.h"
#include "report/report_style.h"
#include "report/report_summary.h"
#include "report/report_timeline.h"

namespace rrt {

using nlohmann::json;

namespace {

constexpr size_t kMaxLatencyPlots = 6;
// Below this many operations of a kind, a scatter plot is a few dots lost at its edge (the
// counter and set workloads read each key once, after the faults were healed): list them.
constexpr size_t kMinOpsToPlot = 10;

std::string figure(const std::string& svg, const std::string& caption) {
  if (svg.empty()) return "";
  return "<figure>" + svg + "<figcaption>" + escape_html(caption) + "</figcaption></figure>\n";
}

const char* outcome_name(OpType t) {
  return t == OpType::kOk ? "ok" : t == OpType::kFail ? "fail" : "info (unknown)";
}

// Every operation named fs[f], one row each: for kinds with too few operations to plot.
std::string ops_table(const RunData& data, const Timeline& t, uint16_t f, size_t n) {
  Nanos faults_end = 0;
  for (const FaultBand& band : t.faults) faults_end = std::max(faults_end, band.to);
  bool all_after = true;
  std::string rows;
  for (const OpSample& s : data.ops) {
    if (s.f != f) continue;
    all_after = all_after && s.start >= faults_end;
    rows += fmt::format("<tr><td>{:.3f}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                        static_cast<double>(s.start) / kSeconds,
                        format_duration(s.end - s.start, DurationStyle::kReadable),
                        outcome_name(s.outcome), s.process);
  }
  std::string note = fmt::format("Only {} {} operation{}: too few to plot, so each is listed.", n,
                                 data.fs[f], n == 1 ? "" : "s");
  if (all_after && !t.faults.empty()) note += " All started after the last fault had ended.";
  return "<p>" + escape_html(note) +
         "</p>\n<table class=\"ops\"><tr><th>started (s)</th><th>latency</th><th>outcome</th>"
         "<th>process</th></tr>\n" +
         rows + "</table>\n";
}

std::string operations_section(const RunData& data, const Timeline& t) {
  std::string html = "<section id=\"operations\"><h2>Operations</h2>\n";
  if (data.ops.empty()) return html + "<p>No operation completed.</p></section>\n";
  std::vector<size_t> per_f(data.fs.size(), 0);
  for (const OpSample& s : data.ops) ++per_f[s.f];
  for (size_t f = 0; f < data.fs.size() && f < kMaxLatencyPlots; ++f) {
    html += "<h3>" + escape_html(data.fs[f]) + "</h3>\n";
    if (per_f[f] == 0) {
      html += "<p>No " + escape_html(data.fs[f]) + " operation completed.</p>\n";
    } else if (per_f[f] < kMinOpsToPlot) {
      html += ops_table(data, t, static_cast<uint16_t>(f), per_f[f]);
    } else {
      html += figure(latency_svg(data, t, static_cast<uint16_t>(f)),
                     "Each dot is an operation: when it started, how long it took. Green: ok; "
                     "red: failed (certainly not applied); amber: unknown (timeout, lost "
                     "connection). Shaded: faults.");
    }
  }
  html += "<h3>Throughput and errors</h3>\n" +
          figure(throughput_svg(data, t), "Completions per second, by outcome.") +
          figure(error_rate_svg(data, t), "Failed or unknown, as a share of completions.");
  return html + "</section>\n";
}

// In the order they happened (results.json keeps them by name).
std::string phases_table(const json& f) {
  std::vector<std::pair<double, std::string>> rows;
  const json phases = f.value("phases", json::object());  // items() must not outlive it
  for (const auto& [name, ms] : phases.items()) {
    rows.push_back({ms.is_number() ? ms.get<double>() : 1e300,
                    fmt::format("<tr><td>{}</td><td>{}</td></tr>", escape_html(name), ms.dump())});
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string html = "<table><tr><th>phase</th><th>ms after the fault</th></tr>";
  for (const auto& row : rows) html += row.second;
  return html + "</table>\n";
}

std::string anatomy_section(const RunData& data) {
  const json failover = data.results.value("failover", json::object());
  const json all = failover.value("failovers", json::array());
  if (all.empty()) return "";
  std::string html = "<section id=\"failover\"><h2>Failover anatomy</h2>\n";
  for (const json& f : all) {
    html += fmt::format("<h3>{} {} at {:.3f} s: {} -> {}</h3>\n", escape_html(f.value("fault", "")),
                        escape_html(f.value("node", "")), f.value("fault_at_ms", 0.0) / 1000,
                        escape_html(f.value("old_master", "?")),
                        escape_html(f.value("new_master", "(no failover)")));
    html += figure(anatomy_svg(f),
                   "From the fault to the first acknowledged write on the new "
                   "master; the red bar is the write outage.");
    html += phases_table(f);
  }
  return html + "</section>\n";
}

std::string checks_section(const RunData& data) {
  std::string html = "<section id=\"checks\"><h2>Checks in detail</h2>\n";
  for (const json& c : data.results.value("checks", json::array())) {
    json metrics = c;
    for (const char* k :
         {"name", "verdict", "summary", "evidence", "counterexample", "explanation"})
      metrics.erase(k);
    html += fmt::format("<details><summary>{}: {}</summary><pre>{}</pre></details>\n",
                        escape_html(c.value("name", "?")), escape_html(c.value("verdict", "?")),
                        escape_html(metrics.dump(2)));
  }
  return html + "</section>\n";
}

// Links the files of the run directory; `history_file` is the history form the run wrote.
std::string files_section(const std::string& history_file) {
  std::string html = "<section id=\"files\"><h2>Files of this run</h2><ul>\n";
  for (const std::string& f :
       {std::string("scenario.json"), std::string("results.json"), history_file,
        std::string("events.jsonl"), std::string("junit.xml"), std::string("nodes/")}) {
    html += fmt::format("<li><a href=\"{0}\">{0}</a></li>\n", f);
  }
  return html +
         "</ul><p>Regenerate this page with <code>rrt report RUN_DIR</code>.</p></section>\n";
}

}  // namespace

std::string report_html(const RunData& data) {
  Timeline t = build_timeline(data.events, data.end);
  std::string title =
      "rrt: " + data.results.value("scenario", "run") + " " + data.results.value("verdict", "");
  std::string html = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
      "'unsafe-inline'; img-src data:\">\n<title>{}</title>\n<style>{}</style></head><body>\n",
      escape_html(title), report_css());
  html +=
      "<nav><a href=\"#summary\">summary</a><a href=\"#timeline\">timeline</a>"
      "<a href=\"#operations\">operations</a><a href=\"#failover\">failover</a>"
      "<a href=\"#anomalies\">anomalies</a><a href=\"#files\">files</a></nav>\n";
  html += summary_html(data);
  html += "<section id=\"timeline\"><h2>Timeline</h2>\n" +
          figure(timeline_svg(data, t),
                 "Faults (red), Sentinel events (grey ticks; purple: +switch-master; hover for "
                 "the message) and the role each node reported when polled.") +
          "</section>\n";
  html += operations_section(data, t);
  std::string lag = lag_svg(data, t);
  if (!lag.empty()) {
    html += "<section id=\"lag\"><h2>Replication</h2>\n" +
            figure(lag,
                   "Bytes each node is behind the most advanced one, when polled. Dashed: the "
                   "node answered as a master (one that is behind is not replicating). Grey: "
                   "the node was down or did not answer, so it had no offset (no line).") +
            "</section>\n";
  }
  html += anatomy_section(data) + anomalies_html(data) + checks_section(data) +
          files_section(data.history_file);
  return html + "</body></html>\n";
}

}  // namespace rrt
