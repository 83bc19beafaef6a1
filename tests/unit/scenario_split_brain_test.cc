// The loader's fields for the split-brain exercise (topology client_hosts, the set workload's
// WAIT options) and the three shipped split-brain scenario files.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "base/errors.h"
#include "check/history_gen.h"
#include "check/set_checker.h"
#include "run/scenario_vocabulary.h"
#include "scenario/scenario_loader.h"
#include "scenario_error_of.h"

namespace rrt {
namespace {

using ::testing::HasSubstr;

using rrt::testing::error_of;

Scenario shipped(const std::string& name) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(__FILE__).parent_path().parent_path().parent_path() / "scenarios";
  return load_scenario_file((dir / (name + ".yaml")).string(), scenario_vocabulary());
}

TEST(ScenarioSplitBrain, ReadsClientHostsAndWaitOptions) {
  Scenario s = parse_scenario(R"(topology:
  kind: sentinel
  hosts: netns
  client_hosts: 3
duration: 10s
workloads:
  - kind: set
    wait_replicas: 2
    wait_timeout: 250ms
)",
                              "t.yaml", scenario_vocabulary());
  EXPECT_EQ(s.lab.client_hosts, 3);
  ASSERT_EQ(s.workloads.size(), 1u);
  EXPECT_EQ(s.workloads[0].options["wait_replicas"], 2);
  EXPECT_EQ(s.workloads[0].options["wait_timeout"], "250ms");
  EXPECT_EQ(to_json(s.lab)["client_hosts"], 3);
  EXPECT_EQ(lab_spec_from_json(to_json(s.lab)).client_hosts, 3);
}

TEST(ScenarioSplitBrain, ClientHostsNeedNetnsHosts) {
  EXPECT_THAT(error_of("topology:\n  client_hosts: 2\n"),
              HasSubstr("t.yaml:2:3: topology: client_hosts needs hosts: netns"));
  EXPECT_THAT(error_of("topology:\n  hosts: netns\n  client_hosts: 17\n"),
              HasSubstr("t.yaml:3:17: topology.client_hosts"));
}

TEST(ScenarioSplitBrain, BadWaitOptionsPointAtTheKey) {
  EXPECT_THAT(error_of("workloads:\n  - kind: set\n    wait_replicas: -1\n"),
              HasSubstr("t.yaml:3:5: workload set: option 'wait_replicas' is -1"));
  EXPECT_THAT(error_of("workloads:\n  - kind: set\n    wait_timeout: 100\n"),
              HasSubstr("t.yaml:3:5:"));
  EXPECT_THAT(error_of("workloads:\n  - kind: counter\n    wait_replicas: 1\n"),
              HasSubstr("unknown option 'wait_replicas'"));
}

TEST(ScenarioSplitBrain, ShippedVariantsDifferOnlyInTheirMitigation) {
  Scenario base = shipped("sentinel-partition-split-brain");
  Scenario min_replicas = shipped("sentinel-partition-split-brain-min-replicas");
  Scenario wait = shipped("sentinel-partition-split-brain-wait");
  for (const Scenario* s : {&base, &min_replicas, &wait}) {
    SCOPED_TRACE(s->name);
    EXPECT_EQ(s->lab.replicas, 4);
    EXPECT_EQ(s->lab.sentinels, 5);
    EXPECT_EQ(s->lab.quorum, 3);
    EXPECT_EQ(s->lab.hosts, HostsMode::kNetns);
    EXPECT_EQ(s->lab.client_hosts, 5);
    ASSERT_EQ(s->faults.size(), 1u);
    EXPECT_EQ(s->faults[0].verb, "partition");
    ASSERT_EQ(s->faults[0].args["groups"].size(), 2u);
    EXPECT_EQ(s->faults[0].args["groups"][0][0], "redis-1");
    EXPECT_EQ(s->faults[0].at, 5 * kSeconds);
    // The old master needs up to ~10 s after heal to be demoted before the final read.
    EXPECT_GE(s->duration - (s->faults[0].at + s->faults[0].duration), 12 * kSeconds);
    EXPECT_EQ(s->checks, std::vector<std::string>{"set"});
    EXPECT_GT(s->explain.size(), 800u);
  }
  EXPECT_TRUE(base.lab.redis_config.empty());
  EXPECT_EQ(min_replicas.lab.redis_config.at("min-replicas-to-write"), "1");
  EXPECT_EQ(min_replicas.lab.redis_config.at("min-replicas-max-lag"), "10");
  EXPECT_FALSE(base.workloads[0].options.contains("wait_replicas"));
  EXPECT_EQ(wait.workloads[0].options["wait_replicas"], 1);
  EXPECT_EQ(wait.workloads[0].options["wait_timeout"], "100ms");
}

// The split-brain report: every number in the summary, unacknowledged elements counted.
TEST(ScenarioSplitBrain, SetReportCountsLostAndUnacknowledgedFound) {
  std::vector<Value> read = {Value::of(2), Value::of(3), Value::of(4)};
  HistoryBuilder h;
  h.invoke(1, "add", Value::of(1)).ok(1).invoke(2, "add", Value::of(2)).info(2);
  h.invoke(3, "add", Value::of(3)).fail(3).invoke(1, "add", Value::of(4)).ok(1);
  h.invoke(1, "read").ok(1, Value::list(read));
  CheckResult r = check_set(h.history());
  EXPECT_EQ(r.verdict, Verdict::kInvalid);
  EXPECT_EQ(r.metrics["lost"], 1);
  EXPECT_EQ(r.metrics["unacknowledged_found"], 2);
  EXPECT_DOUBLE_EQ(r.metrics["ack_rate"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(r.metrics["loss_rate"].get<double>(), 0.5);
  EXPECT_THAT(r.summary,
              HasSubstr("4 attempted, 2 acknowledged (ack rate 50.0%), 3 survivors, "
                        "1 acknowledged lost (loss rate 50.0%), 2 unacknowledged found"));
}

}  // namespace
}  // namespace rrt
