#include "report/report_summary.h"

#include <fmt/format.h>

#include "report/markup.h"

namespace rrt {

using nlohmann::json;

namespace {

const json& checks_of(const RunData& data) {
  static const json kNone = json::array();
  auto it = data.results.find("checks");
  return it != data.results.end() && it->is_array() ? *it : kNone;
}

int64_t metric(const json& check, const char* name) {
  auto it = check.find(name);
  return it != check.end() && it->is_number() ? it->get<int64_t>() : 0;
}

std::string plural(int64_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

void failover_sentences(const json& results, std::vector<std::string>* out) {
  auto it = results.find("failover");
  if (it == results.end() || !it->is_object()) return;
  for (const json& f : it->value("failovers", json::array())) {
    std::string what =
        fmt::format("after {} {}", f.value("fault", "the fault"), f.value("node", ""));
    const json outage = f.value("outage", json::object());
    if (outage.value("ms", json()).is_number()) {
      out->push_back(fmt::format("{}, writes were refused for {:.2f} s", what,
                                 outage["ms"].get<double>() / 1000));
    } else if (outage.contains("recovered") && !outage.value("recovered", true)) {
      out->push_back(what + ", writes never resumed");
    }
    const json phases = f.value("phases", json::object());
    if (phases.value("switch_master", json()).is_number()) {
      out->push_back(fmt::format("{}, Sentinel switched the master to {} after {:.2f} s", what,
                                 f.value("new_master", "?"),
                                 phases["switch_master"].get<double>() / 1000));
    } else {
      out->push_back(what + ", no failover happened");
    }
    if (int64_t late = f.value("late_old_master_writes", int64_t{0}); late > 0) {
      out->push_back(
          fmt::format("{} acknowledged by the old master after the promotion "
                      "(split brain: lost when it is demoted)",
                      plural(late, "write was", "writes were")));
    }
  }
}

}  // namespace

std::vector<std::string> key_numbers(const RunData& data) {
  std::vector<std::string> out;
  for (const json& c : checks_of(data)) {
    std::string name = c.value("name", "?");
    if (int64_t lost = metric(c, "lost"); lost > 0) {
      out.push_back(fmt::format("{} lost ({} check)",
                                plural(lost, "acknowledged write was", "acknowledged writes were"),
                                name));
    }
    if (int64_t stale = metric(c, "stale_reads"); stale > 0) {
      out.push_back(fmt::format("{} of {} reads returned a stale value ({} check)", stale,
                                metric(c, "reads"), name));
    }
  }
  failover_sentences(data.results, &out);
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
  for (const std::string& s : key_numbers(data)) html += "<li>" + escape_html(s) + "</li>\n";
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
