// A real short scenario run writes report.html and junit.xml into its run directory, and
// `rrt report` regenerates them, or names the file it is missing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "test_support.h"

namespace rrt {
namespace {

using rrt::testing::CommandResult;
using rrt::testing::run_rrt;
using rrt::testing::TempHome;
using rrt::testing::wait_no_processes_under;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

namespace fs = std::filesystem;

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The run directory `rrt run` printed last, or "".
std::string run_dir_of(const CommandResult& r) {
  const std::string marker = "run directory: ";
  size_t at = r.out.rfind(marker);
  if (at == std::string::npos) return "";
  std::string dir = r.out.substr(at + marker.size());
  return dir.substr(0, dir.find('\n'));
}

TEST(ReportRun, AFailoverRunHasAReportAndJunitThatRrtReportRegenerates) {
  TempHome home;
  CommandResult run = run_rrt(
      {"run", "sentinel-manual-failover", "--duration", "6s", "--runs-dir", home.path() + "/runs"},
      home.path(), 90);
  EXPECT_THAT(run.exit_code, ::testing::AnyOf(0, 1)) << run.out << run.err;
  std::string dir = run_dir_of(run);
  ASSERT_FALSE(dir.empty()) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr("report: " + dir + "/report.html"));
  EXPECT_THAT(wait_no_processes_under(home.path(), 5), IsEmpty());

  nlohmann::json results = nlohmann::json::parse(slurp(dir + "/results.json"));
  nlohmann::json scenario = nlohmann::json::parse(slurp(dir + "/scenario.json"));
  EXPECT_EQ(scenario["duration_ms"], 6000);
  EXPECT_EQ(scenario["topology"]["kind"], "sentinel");
  // Each workload's options as given, and in force with its defaults filled in.
  const nlohmann::json& counter = scenario["workloads"][1];
  EXPECT_FALSE(counter["options"].contains("retry_delay")) << counter;
  EXPECT_EQ(counter["effective_options"]["retry_delay_ms"], 100) << counter;
  EXPECT_EQ(counter["effective_options"]["follow_switch"], true) << counter;
  EXPECT_EQ(counter["effective_options"]["clients"], counter["options"]["clients"]) << counter;

  std::string html = slurp(dir + "/report.html");
  ASSERT_FALSE(html.empty());
  std::string verdict = results["verdict"];
  EXPECT_THAT(html, HasSubstr("class=\"verdict v-" + verdict + "\">" + verdict + "<"));
  size_t invalid = 0;
  for (const auto& c : results["checks"]) {
    EXPECT_THAT(html, HasSubstr("<td>" + c["name"].get<std::string>() + "</td>"));
    invalid += c["verdict"] == "invalid";
  }
  EXPECT_GE(count(html, "<svg"), 4u);
  EXPECT_THAT(html, HasSubstr("+switch-master"));     // a mark on the timeline
  EXPECT_THAT(html, HasSubstr("sentinel-failover"));  // the fault
  EXPECT_THAT(html, HasSubstr("Failover anatomy"));
  EXPECT_THAT(html, ::testing::Not(HasSubstr("<script")));

  std::string junit = dir + "/junit.xml";
  EXPECT_EQ(std::system(("xmllint --noout " + junit).c_str()), 0) << slurp(junit);
  std::string xml = slurp(junit);
  EXPECT_EQ(count(xml, "<testcase "), results["checks"].size());
  EXPECT_EQ(count(xml, "<failure "), invalid);

  // Regenerated from the stored files: the same page.
  fs::remove(dir + "/report.html");
  fs::remove(junit);
  CommandResult again = run_rrt({"report", dir}, home.path(), 30);
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr(dir + "/report.html"));
  EXPECT_EQ(slurp(dir + "/report.html"), html);
  EXPECT_EQ(slurp(junit), xml);

  // Without results.json: exit 2 naming it.
  std::string broken = home.path() + "/broken";
  fs::create_directories(broken);
  fs::copy_file(dir + "/history.jsonl", broken + "/history.jsonl");
  fs::copy_file(dir + "/events.jsonl", broken + "/events.jsonl");
  CommandResult missing = run_rrt({"report", broken}, home.path(), 30);
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_THAT(missing.err, HasSubstr(broken + "/results.json: missing"));
  EXPECT_FALSE(fs::exists(broken + "/report.html"));
}

}  // namespace
}  // namespace rrt
