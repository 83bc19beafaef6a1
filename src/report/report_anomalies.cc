#include "report/report_anomalies.h"

#include <fmt/format.h>

#include "report/markup.h"
#include "report/report_plots.h"

namespace rrt {

using nlohmann::json;

static std::string cell(const json& op, const char* field) {
  auto it = op.find(field);
  if (it == op.end() || it->is_null()) return "<td></td>";
  return "<td>" + escape_html(it->is_string() ? it->get<std::string>() : it->dump()) + "</td>";
}

static std::string evidence_table(const json& evidence) {
  std::string html =
      "<table class=\"ops\"><tr><th>time (s)</th><th>process</th><th>outcome</th><th>f</th>"
      "<th>key</th><th>value</th><th>node</th><th>error</th></tr>\n";
  size_t rows = 0;
  for (const json& op : evidence) {
    if (++rows > kMaxEvidenceRows) break;
    html += fmt::format("<tr><td>{:.3f}</td>", op.value("time", int64_t{0}) / 1e9) +
            cell(op, "process") + cell(op, "type") + cell(op, "f") + cell(op, "key") +
            cell(op, "value") + cell(op, "node") + cell(op, "error") + "</tr>\n";
  }
  html += "</table>\n";
  if (evidence.size() > kMaxEvidenceRows) {
    html += fmt::format("<p>... and {} more in results.json.</p>\n",
                        evidence.size() - kMaxEvidenceRows);
  }
  return html;
}

std::string anomalies_html(const RunData& data) {
  std::string html;
  for (const json& c : data.results.value("checks", json::array())) {
    if (c.value("verdict", "") != "invalid") continue;
    html += fmt::format("<h3>{}</h3>\n<p>{}</p>\n", escape_html(c.value("name", "?")),
                        escape_html(c.value("summary", "")));
    const json evidence = c.value("evidence", json::array());
    if (!evidence.empty()) {
      html += "<p>The operations that show it:</p>\n" + evidence_table(evidence);
    }
    if (c.contains("counterexample") && c["counterexample"].is_object()) {
      const json& cx = c["counterexample"];
      html += fmt::format(
          "<p>Key {}: no order of these operations (solid: must take effect here; pale: may) "
          "explains what the red one saw.</p>\n<figure>{}</figure>\n",
          escape_html(cx.value("key", "")), counterexample_svg(cx));
    }
    if (!c.value("explanation", "").empty()) {
      html += "<pre>" + escape_html(c.value("explanation", "")) + "</pre>\n";
    }
  }
  if (html.empty()) return "";
  return "<section id=\"anomalies\"><h2>Anomalies</h2>\n" + html + "</section>\n";
}

}  // namespace rrt
