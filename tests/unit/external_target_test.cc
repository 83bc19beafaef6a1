// External targets without a deployment: URL parsing (and its errors, which must never show the
// password), where the password comes from, the fault policy, the rate cap, the run prefix.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "base/errors.h"
#include "system/external_policy.h"
#include "system/fault_support.h"
#include "system/key_expiry.h"
#include "system/run_prefix.h"
#include "topo/credentials.h"
#include "topo/target_url.h"

namespace rrt {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string error_of(const std::string& url) {
  try {
    parse_target_url(url);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

TEST(TargetUrl, RedisWithCredentials) {
  TargetUrl t = parse_target_url("redis://app:pw@10.0.0.5:6380");
  EXPECT_EQ(t.scheme, "redis");
  ASSERT_EQ(t.endpoints.size(), 1u);
  EXPECT_EQ(t.endpoints[0], (Endpoint{"10.0.0.5", 6380}));
  EXPECT_EQ(t.user, "app");
  EXPECT_EQ(t.password, "pw");
  EXPECT_EQ(t.redacted(), "redis://10.0.0.5:6380");
}

TEST(TargetUrl, SentinelWithSeveralHosts) {
  TargetUrl t = parse_target_url("sentinel://:pw@s1:26379,[::1]:26380/mymaster");
  EXPECT_EQ(t.scheme, "sentinel");
  ASSERT_EQ(t.endpoints.size(), 2u);
  EXPECT_EQ(t.endpoints[1], (Endpoint{"::1", 26380}));
  EXPECT_EQ(t.master_name, "mymaster");
  EXPECT_EQ(t.user, "");
  EXPECT_EQ(t.password, "pw");
  EXPECT_EQ(t.redacted(), "sentinel://s1:26379,[::1]:26380/mymaster");
}

TEST(TargetUrl, BadUrlsSayWhatWasExpected) {
  EXPECT_THAT(error_of("10.0.0.5:6379"), HasSubstr("no scheme"));
  EXPECT_THAT(error_of("http://x:1"), HasSubstr("scheme 'http' is not supported"));
  EXPECT_THAT(error_of("redis://"), HasSubstr("no host"));
  EXPECT_THAT(error_of("redis://host"), HasSubstr("expected host:port"));
  EXPECT_THAT(error_of("redis://host:99999"), HasSubstr("port"));
  EXPECT_THAT(error_of("redis://a:1,b:2"), HasSubstr("redis:// takes one host"));
  EXPECT_THAT(error_of("redis://a:1/0"), HasSubstr("unexpected '/0'"));
  EXPECT_THAT(error_of("sentinel://a:1"), HasSubstr("monitored master's name"));
  EXPECT_THAT(error_of("sentinel://a:1,,b:2/m"), HasSubstr("empty host"));
}

TEST(TargetUrl, ErrorsNeverContainThePassword) {
  for (const char* url : {"redis://u:Secr3t@host", "sentinel://:Secr3t@a:1",
                          "redis://:Secr3t@a:1,b:2", "sentinel://:Secr3t@:1/m"}) {
    std::string e = error_of(url);
    EXPECT_FALSE(e.empty()) << url;
    EXPECT_THAT(e, Not(HasSubstr("Secr3t"))) << url;
  }
}

TEST(Credentials, FlagThenFileThenEnvironmentThenUrl) {
  std::string path = ::testing::TempDir() + "/rrt-pw";
  std::ofstream(path) << "from-file\nsecond line\n";
  EXPECT_EQ(resolve_password({"flag", path, "env", "url"}), "flag");
  EXPECT_EQ(resolve_password({"", path, "env", "url"}), "from-file");
  EXPECT_EQ(resolve_password({"", "", "env", "url"}), "env");
  EXPECT_EQ(resolve_password({"", "", "", "url"}), "url");
  EXPECT_EQ(resolve_password({}), "");
  std::remove(path.c_str());
}

TEST(Credentials, UnreadableOrEmptyFileIsNamed) {
  try {
    resolve_password({"", "/nonexistent/pw", "", ""});
    FAIL();
  } catch (const UsageError& e) {
    EXPECT_THAT(e.what(), HasSubstr("/nonexistent/pw"));
  }
  std::string path = ::testing::TempDir() + "/rrt-pw-empty";
  std::ofstream(path) << "\n";
  EXPECT_THROW(resolve_password({"", path, "", ""}), UsageError);
  std::remove(path.c_str());
}

Scenario with_fault(const std::string& verb) {
  Scenario s;
  s.name = "x";
  FaultStep step;
  step.verb = verb;
  step.at = 2 * kSeconds;
  s.faults.push_back(step);
  return s;
}

std::string refusal(const Scenario& s, bool allow) {
  try {
    check_external_faults(s, allow);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

TEST(ExternalPolicy, NoFaultWithoutAllowFaults) {
  EXPECT_THAT(refusal(with_fault("client-pause"), false),
              AllOf(HasSubstr("fault 'client-pause' at 2s"), HasSubstr("--allow-faults")));
  EXPECT_EQ(refusal(Scenario{}, false), "");  // read-only scenarios run
}

// The refusal an external target gives for `verb` with --allow-faults, from its capabilities
// alone (DEBUG is probed only when a deployment answers).
std::string lacking(const Scenario& s) {
  try {
    check_fault_support(s, "sentinel://h:1/m", [&](Capability c, const FaultStep& step) {
      return external_lacks(c, step);
    });
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

TEST(ExternalPolicy, OnlyTheFaultsTheWireAllowsEvenWhenAllowed) {
  for (const char* verb : {"client-pause", "sentinel-failover", "failover", "kill", "shutdown",
                           "restart", "cluster-failover"}) {
    EXPECT_EQ(refusal(with_fault(verb), true), "") << verb;
    EXPECT_EQ(lacking(with_fault(verb)), "") << verb;
  }
  Scenario timed = with_fault("pause");
  timed.faults[0].duration = 3 * kSeconds;
  EXPECT_EQ(lacking(timed), "");  // DEBUG SLEEP 3: probed against the deployment
  EXPECT_THAT(lacking(with_fault("pause")),
              AllOf(HasSubstr("fault 'pause' at 2s cannot run on sentinel://h:1/m"),
                    HasSubstr("give the step a length (for: ...)")));
  EXPECT_THAT(lacking(with_fault("stop-sentinels")), HasSubstr("run against a lab"));
  EXPECT_THAT(lacking(with_fault("add-replica")), HasSubstr("run against a lab"));
  for (const char* verb : {"heal", "latency", "loss"}) {
    EXPECT_THAT(lacking(with_fault(verb)),
                AllOf(HasSubstr(std::string("fault '") + verb + "'"),
                      HasSubstr("network faults need a network rrt started")))
        << verb;
  }
}

TEST(ExternalPolicy, RatesAreCappedToAnEqualShare) {
  Scenario s;
  s.workloads = {{"counter", {{"rate", 2000}}}, {"set", {{"rate", 50}}}, {"register", {}}};
  cap_workload_rates(s, 300);
  EXPECT_DOUBLE_EQ(s.workloads[0].options["rate"].get<double>(), 100);
  EXPECT_DOUBLE_EQ(s.workloads[1].options["rate"].get<double>(), 50);   // already below
  EXPECT_DOUBLE_EQ(s.workloads[2].options["rate"].get<double>(), 100);  // unlimited before
  EXPECT_THROW(cap_workload_rates(s, 0), UsageError);
  EXPECT_THROW(cap_workload_rates(s, 1e9), UsageError);
}

TEST(RunPrefix, UniqueFormThatCannotMatchUserKeys) {
  std::string p = make_run_prefix(0x18c2f3a4b5dLL, 0x1f2e);
  EXPECT_EQ(p, "rrt:18c2f3a4b5d-1f2e:");
  EXPECT_TRUE(is_run_prefix(p));
  EXPECT_FALSE(is_run_prefix("rrt:"));
  EXPECT_FALSE(is_run_prefix("rrt:*"));
  EXPECT_FALSE(is_run_prefix(""));
  EXPECT_NE(make_run_prefix(1, 2), make_run_prefix(1, 3));
}

// The TTL a killed run's keys get: never shorter than the run (so no key expires while it
// goes), at least 10 minutes, and the sweep touches nothing outside a run prefix.
TEST(KeyExpiry, TtlOutlastsTheRunAndOnlyRunPrefixesAreTouched) {
  EXPECT_EQ(run_key_ttl(10 * kSeconds), 10 * 60 * kSeconds);
  EXPECT_EQ(run_key_ttl(3600 * kSeconds), 3900 * kSeconds);
  EXPECT_THROW(expire_run_keys({"127.0.0.1", 1}, {}, "user:", {}), UsageError);
  EXPECT_THROW(expire_run_keys({"127.0.0.1", 1}, {}, "rrt:*", {}), UsageError);
}

}  // namespace
}  // namespace rrt
