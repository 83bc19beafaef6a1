// The checker table the scenario runner uses, results.json's shape, and `rrt check`.
#include <gtest/gtest.h>

#include <fstream>

#include "base/errors.h"
#include "check/history_gen.h"
#include "check/registry.h"
#include "cli/command.h"

namespace rrt {
namespace {

Value v(int64_t i) {
  return Value::of(i);
}

History register_history(bool valid) {
  HistoryBuilder h;
  h.invoke(1, "write", v(1)).ok(1).invoke(1, "write", v(2)).ok(1);
  h.invoke(2, "read").ok(2, v(valid ? 2 : 1));
  return h.history();
}

TEST(CheckRegistry, RunsNamedCheckersInOrder) {
  std::vector<CheckResult> results =
      run_checks({"register", "stale-reads"}, register_history(false), {}, {});
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].name, "register");
  EXPECT_EQ(results[0].verdict, Verdict::kInvalid);
  EXPECT_EQ(results[1].name, "stale-reads");
  EXPECT_EQ(results[1].verdict, Verdict::kInvalid);
  EXPECT_EQ(exit_code_for(results), kExitAnomaly);
}

TEST(CheckRegistry, UnknownNameIsAUsageError) {
  EXPECT_THROW(run_checks({"register", "nope"}, {}, {}, {}), UsageError);
}

TEST(CheckRegistry, UninterpretableHistoryGivesUnknownNotACrash) {
  HistoryBuilder h;
  h.invoke(1, "frobnicate").ok(1);
  std::vector<CheckResult> results = run_checks({"cas-register"}, h.history(), {}, {});
  EXPECT_EQ(results[0].verdict, Verdict::kUnknown);
  EXPECT_NE(results[0].summary.find("frobnicate"), std::string::npos);
}

TEST(CheckRegistry, OptionsPerChecker) {
  HistoryBuilder h;
  h.invoke(1, "read").ok(1, v(5));
  nlohmann::json options = {{"initial", nullptr}, {"register", {{"initial", 5}}}};
  EXPECT_EQ(run_check("register", h.history(), {}, options).verdict, Verdict::kValid);
  EXPECT_EQ(run_check("cas-register", h.history(), {}, options).verdict, Verdict::kInvalid);
}

TEST(CheckRegistry, ResultJsonFlattensMetrics) {
  CheckResult r = run_check("register", register_history(false), {}, {});
  nlohmann::json j = to_json(r);
  EXPECT_EQ(j["name"], "register");
  EXPECT_EQ(j["verdict"], "invalid");
  EXPECT_EQ(j["ops"], 3);
  EXPECT_TRUE(j["evidence"].is_array());
  EXPECT_FALSE(j["evidence"].empty());
  EXPECT_EQ(j["counterexample"]["failed_op"]["text"], "read -> 1");
}

// Runs `rrt check ARGS...`; returns the exit code and fills *out with what it printed.
int rrt_check(std::vector<std::string> args, std::string* out) {
  CLI::App app;
  CliContext ctx;
  add_check_command(app, ctx);
  args.insert(args.begin(), "check");
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  testing::internal::CaptureStdout();
  int code;
  try {
    app.parse(reversed);
    code = ctx.exit_code;
  } catch (const UsageError&) {
    code = kExitUsage;
  } catch (const EnvironmentError&) {
    code = kExitEnvironment;
  } catch (const CLI::ParseError&) {
    code = kExitUsage;
  }
  fflush(stdout);
  *out = testing::internal::GetCapturedStdout();
  return code;
}

std::string write_file(const std::string& name, const std::string& text) {
  std::string path = testing::TempDir() + name;
  std::ofstream(path) << text;
  return path;
}

TEST(CheckCli, ExitCodesFollowTheVerdict) {
  std::string valid = write_file("check_cli_valid.edn",
                                 "{:process 0 :type :invoke :f :write :value 1}\n"
                                 "{:process 0 :type :ok :f :write :value 1}\n"
                                 "{:process 1 :type :invoke :f :read :value nil}\n"
                                 "{:process 1 :type :ok :f :read :value 1}\n");
  std::string out;
  EXPECT_EQ(rrt_check({valid, "--model", "register"}, &out), kExitOk);
  EXPECT_NE(out.find("valid"), std::string::npos);
  EXPECT_EQ(rrt_check({valid, "--model", "register", "--initial", "7"}, &out), kExitOk);
  std::string invalid = write_file("check_cli_invalid.edn",
                                   "{:process 1 :type :invoke :f :read :value nil}\n"
                                   "{:process 1 :type :ok :f :read :value 1}\n");
  EXPECT_EQ(rrt_check({invalid, "--model", "register"}, &out), kExitAnomaly);
  EXPECT_NE(out.find("smallest window"), std::string::npos);
  EXPECT_EQ(rrt_check({invalid, "--model", "register", "--initial", "1"}, &out), kExitOk);
}

TEST(CheckCli, JsonOutputHasVerdictOpsSeconds) {
  std::string path = write_file("check_cli.edn",
                                "[{:process 0 :type :invoke :f :read}\n"
                                " {:process 0 :type :ok :f :read :value 3}]");
  std::string out;
  EXPECT_EQ(rrt_check({path, "-m", "register", "-o", "json"}, &out), kExitAnomaly);
  nlohmann::json j = nlohmann::json::parse(out);
  EXPECT_EQ(j["verdict"], "invalid");
  EXPECT_EQ(j["ops"], 1);
  EXPECT_TRUE(j["seconds"].is_number());
}

TEST(CheckCli, BadInputExitsTwoAndMissingFileThree) {
  std::string bad = write_file("check_cli_bad.edn", "{:process 0 :type :what :f :read}");
  std::string out;
  EXPECT_EQ(rrt_check({bad, "--model", "register"}, &out), kExitUsage);
  EXPECT_EQ(rrt_check({bad + ".missing", "--model", "register"}, &out), kExitEnvironment);
  EXPECT_EQ(rrt_check({bad, "--model", "nonsense"}, &out), kExitUsage);
}

TEST(CheckCli, ReadsRrtJsonl) {
  std::string path =
      write_file("check_cli.jsonl",
                 "{\"process\":0,\"type\":\"invoke\",\"f\":\"add\",\"value\":1,\"time\":1}\n"
                 "{\"process\":0,\"type\":\"ok\",\"f\":\"add\",\"value\":1,\"time\":2}\n"
                 "{\"process\":0,\"type\":\"invoke\",\"f\":\"read\",\"time\":3}\n"
                 "{\"process\":0,\"type\":\"ok\",\"f\":\"read\",\"value\":[1],\"time\":4}\n");
  std::string out;
  EXPECT_EQ(rrt_check({path, "--model", "set"}, &out), kExitOk);
}

}  // namespace
}  // namespace rrt
