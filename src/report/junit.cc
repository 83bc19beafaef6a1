#include "report/junit.h"

#include <fmt/format.h>

#include "report/markup.h"

namespace rrt {

using nlohmann::json;

namespace {

constexpr size_t kEvidenceLines = 20;

std::string failure_text(const json& check) {
  std::string text = check.value("summary", "");
  if (!check.value("explanation", "").empty()) text += "\n\n" + check.value("explanation", "");
  const json evidence = check.value("evidence", json::array());
  if (!evidence.empty()) text += "\n\nevidence:";
  for (size_t i = 0; i < evidence.size() && i < kEvidenceLines; ++i) {
    text += "\n  " + evidence[i].dump();
  }
  if (evidence.size() > kEvidenceLines) {
    text += fmt::format("\n  ... {} more in results.json", evidence.size() - kEvidenceLines);
  }
  return text;
}

std::string testcase(const std::string& suite, const json& check) {
  std::string name = check.value("name", "?");
  std::string verdict = check.value("verdict", "unknown");
  std::string head =
      fmt::format("  <testcase classname=\"{}\" name=\"{}\"", escape_xml(suite), escape_xml(name));
  if (verdict == "valid") {
    return head + fmt::format(">\n    <system-out>{}</system-out>\n  </testcase>\n",
                              escape_xml(check.value("summary", "")));
  }
  const char* tag = verdict == "invalid" ? "failure" : "error";
  return head + fmt::format(">\n    <{0} type=\"{1}\" message=\"{2}\">{3}</{0}>\n  </testcase>\n",
                            tag, escape_xml(verdict), escape_xml(check.value("summary", "")),
                            escape_xml(failure_text(check)));
}

}  // namespace

std::string junit_xml(const json& results) {
  std::string suite = "rrt." + results.value("scenario", "run");
  const json checks = results.value("checks", json::array());
  int failures = 0, errors = 0;
  std::string cases;
  for (const json& c : checks) {
    std::string v = c.value("verdict", "unknown");
    failures += v == "invalid";
    errors += v != "invalid" && v != "valid";
    cases += testcase(suite, c);
  }
  if (results.value("interrupted", false)) {
    ++errors;
    cases += testcase(suite, {{"name", "run completed"},
                              {"verdict", "unknown"},
                              {"summary", "the run was interrupted (Ctrl-C or SIGTERM)"}});
  }
  int tests = static_cast<int>(checks.size()) + (results.value("interrupted", false) ? 1 : 0);
  double seconds = results.value("duration_ms", 0.0) / 1000;
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<testsuites name=\"rrt\" tests=\"{1}\" failures=\"{2}\" errors=\"{3}\" time=\"{4:.3f}\">\n"
      " <testsuite name=\"{0}\" tests=\"{1}\" failures=\"{2}\" errors=\"{3}\" skipped=\"0\" "
      "time=\"{4:.3f}\">\n"
      "  <properties><property name=\"verdict\" value=\"{5}\"/>"
      "<property name=\"run_dir\" value=\"{6}\"/></properties>\n{7}"
      " </testsuite>\n</testsuites>\n",
      escape_xml(suite), tests, failures, errors, seconds,
      escape_xml(results.value("verdict", "unknown")), escape_xml(results.value("run_dir", "")),
      cases);
}

}  // namespace rrt
