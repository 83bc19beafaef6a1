// A mistyped flag is never echoed with its value: `rrt run x --pasword SECRET` must not print
// SECRET (CLI11's own message listed every unexpected argument). Runs the real binary; no lab.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_support.h"

namespace rrt {
namespace {

using rrt::testing::CommandResult;
using rrt::testing::run_rrt;
using rrt::testing::TempHome;
using ::testing::HasSubstr;
using ::testing::Not;

const std::string kSecret = "Sekr3tValue";

void expect_no_secret(const std::vector<std::string>& args, const std::string& flag_named) {
  TempHome home;
  CommandResult r = run_rrt(args, home.path(), 30);
  std::string joined;
  for (const auto& a : args) joined += a + " ";
  SCOPED_TRACE(joined);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_THAT(r.out + r.err, Not(HasSubstr(kSecret)));
  EXPECT_THAT(r.err, HasSubstr("unknown option " + flag_named));
}

TEST(CliSecretsTest, UnknownFlagValueIsNotEchoed) {
  for (const std::string& cmd : {"ping", "sentinel"}) {
    std::vector<std::string> base = {cmd};
    if (cmd == "sentinel") base.push_back("failover");
    auto spaced = base, joined = base;
    spaced.insert(spaced.end(), {"--pasword", kSecret, "redis://127.0.0.1:1"});
    joined.insert(joined.end(), {"--pasword=" + kSecret, "redis://127.0.0.1:1"});
    expect_no_secret(spaced, "--pasword");
    expect_no_secret(joined, "--pasword");
  }
}

TEST(CliSecretsTest, NearestFlagIsSuggestedWithoutTheValue) {
  TempHome home;
  CommandResult r = run_rrt({"run", "x", "--pasword", kSecret}, home.path(), 30);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("unknown option --pasword (did you mean --password?)"));
  EXPECT_THAT(r.err, HasSubstr("not shown"));
  EXPECT_THAT(r.out + r.err, Not(HasSubstr(kSecret)));
}

TEST(CliSecretsTest, UrlCredentialsInAnExtraArgumentAreNotEchoed) {
  TempHome home;
  CommandResult r =
      run_rrt({"ping", "extra", "redis://:" + kSecret + "@127.0.0.1:1"}, home.path(), 30);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.out + r.err, Not(HasSubstr(kSecret)));
}

TEST(CliSecretsTest, OtherParseErrorsStillExplain) {
  TempHome home;
  CommandResult r = run_rrt({"lab", "up", "sentinel", "stray"}, home.path(), 30);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("unexpected argument stray"));
}

}  // namespace
}  // namespace rrt
