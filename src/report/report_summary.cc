#include "report/report_summary.h"

#include <fmt/format.h>

#include "report/key_numbers.h"
#include "report/markup.h"

namespace rrt {

using nlohmann::json;

namespace {

const json& checks_of(const RunData& data) {
  static const json kNone = json::array();
  auto it = data.results.find("checks");
  return it != data.results.end() && it->is_array() ? *it : kNone;
}

std::string plural(int64_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace

std::vector<std::string> run_numbers(const RunData& data) {
  std::vector<std::string> out = key_numbers(data.results);
  int64_t ok = data.count(OpType::kOk), fail = data.count(OpType::kFail);
  int64_t info = data.count(OpType::kInfo);
  out.push_back(
      fmt::format("{} in {:.1f} s: {} ok, {} failed, {} unknown (timeout or lost "
                  "connection)",
                  plural(static_cast<int64_t>(data.ops.size()), "operation", "operations"),
                  static_cast<double>(data.end) / kSeconds, ok, fail, info));
  return out;
}

static std::string topology_text(const RunData& data) {
  json t =
      data.scenario.is_object() ? data.scenario.value("topology", json::object()) : json::object();
  if (t.empty()) return "";
  std::string text = t.value("kind", "?");
  for (const char* k : {"replicas", "sentinels", "quorum", "down_after_ms", "hosts"}) {
    if (t.contains(k)) text += fmt::format(", {} {}", k, t[k].dump());
  }
  return text;
}

std::string summary_html(const RunData& data) {
  std::string verdict = data.results.value("verdict", "unknown");
  std::string scenario = data.results.value("scenario", "?");
  std::string html =
      fmt::format("<section id=\"summary\"><h1>{} <span class=\"verdict v-{}\">{}</span></h1>\n",
                  escape_html(scenario), escape_html(verdict), escape_html(verdict));
  if (data.scenario.is_object() && !data.scenario.value("summary", "").empty()) {
    html += "<p class=\"lead\">" + escape_html(data.scenario.value("summary", "")) + "</p>\n";
  }
  if (data.results.value("interrupted", false)) {
    html += "<p class=\"warn\">The run was interrupted: the results cover only part of it.</p>\n";
  }
  std::string topo = topology_text(data);
  if (!topo.empty()) html += "<p>Topology: " + escape_html(topo) + "</p>\n";
  html += "<ul class=\"numbers\">\n";
  for (const std::string& s : run_numbers(data)) html += "<li>" + escape_html(s) + "</li>\n";
  html +=
      "</ul>\n<table class=\"checks\"><tr><th>check</th><th>verdict</th><th>what it "
      "found</th></tr>\n";
  for (const json& c : checks_of(data)) {
    std::string v = c.value("verdict", "unknown");
    html += fmt::format("<tr><td>{}</td><td class=\"v-{}\">{}</td><td>{}</td></tr>\n",
                        escape_html(c.value("name", "?")), escape_html(v), escape_html(v),
                        escape_html(c.value("summary", "")));
  }
  return html + "</table></section>\n";
}

}  // namespace rrt
