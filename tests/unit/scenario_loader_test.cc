// Scenario files: what a good one turns into, and the file:line:column of every kind of mistake.
#include "scenario/scenario_loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "base/errors.h"
#include "scenario_error_of.h"

namespace rrt {
namespace {

using ::testing::HasSubstr;

using rrt::testing::error_of;

constexpr char kGood[] = R"(name: kill-demo
summary: one line
explain: |
  two
  lines
topology:
  kind: sentinel
  replicas: 3
  down_after_ms: 2000
  redis_config: {min-replicas-to-write: 1}
duration: 20s
workloads:
  - kind: counter
    clients: 4
    rate: 100
    timeout: 500ms
  - kind: set
faults:
  - kill: master
    at: 3s
    for: 1.5s
  - pause:
      target: any-replica
    at: 5s
    for: 1s
    every: 4s
    repeat: 3
  - sentinel-failover:
    at: 19s
checks: [failover-anatomy, counter]
check_options:
  failover-anatomy: {expect: failover, max_outage_ms: 5000}
)";

TEST(ScenarioLoader, ReadsEverySection) {
  Scenario s = parse_scenario(kGood, "t.yaml", scenario_vocabulary());
  EXPECT_EQ(s.name, "kill-demo");
  EXPECT_EQ(s.summary, "one line");
  EXPECT_EQ(s.explain, "two\nlines\n");
  EXPECT_EQ(s.lab.kind, TopologyKind::kSentinel);
  EXPECT_EQ(s.lab.replicas, 3);
  EXPECT_EQ(s.lab.down_after_ms, 2000);
  EXPECT_EQ(s.lab.redis_config.at("min-replicas-to-write"), "1");
  EXPECT_EQ(s.duration, 20 * kSeconds);
  ASSERT_EQ(s.workloads.size(), 2u);
  EXPECT_EQ(s.workloads[0].kind, "counter");
  EXPECT_EQ(s.workloads[0].options["clients"], 4);
  EXPECT_EQ(s.workloads[0].options["timeout"], "500ms");
  EXPECT_TRUE(s.workloads[1].options.empty());
  ASSERT_EQ(s.faults.size(), 3u);
  EXPECT_EQ(s.faults[0].verb, "kill");
  EXPECT_EQ(s.faults[0].args["target"], "master");
  EXPECT_EQ(s.faults[0].at, 3 * kSeconds);
  EXPECT_EQ(s.faults[0].duration, 1500 * kMillis);
  EXPECT_EQ(s.faults[1].args["target"], "any-replica");
  EXPECT_EQ(s.faults[1].every, 4 * kSeconds);
  EXPECT_EQ(s.faults[1].repeat, 3);
  EXPECT_EQ(s.faults[2].verb, "sentinel-failover");
  EXPECT_TRUE(s.faults[2].args.empty());
  EXPECT_EQ(s.checks, (std::vector<std::string>{"failover-anatomy", "counter"}));
  EXPECT_EQ(s.check_options["failover-anatomy"]["max_outage_ms"], 5000);
}

TEST(ScenarioLoader, NameDefaultsToTheFileStem) {
  EXPECT_EQ(parse_scenario("duration: 1s\n", "x/y.yaml", scenario_vocabulary(), "y").name, "y");
}

TEST(ScenarioLoader, MalformedYamlPointsAtLineAndColumn) {
  EXPECT_THAT(error_of("name: a\nworkloads: [\n  - kind: counter\n"), HasSubstr("t.yaml:3:3:"));
  EXPECT_THAT(error_of("name: a\n  bad: indent\n"), HasSubstr("t.yaml:2:"));
}

TEST(ScenarioLoader, UnknownTopLevelKeyIsAnError) {
  std::string e = error_of("name: a\ndurration: 5s\n");
  EXPECT_THAT(e, HasSubstr("t.yaml:2:1: unknown key 'durration'"));
  EXPECT_THAT(e, HasSubstr("duration"));  // the known keys are listed
}

TEST(ScenarioLoader, UnknownTopologyKeyIsAnError) {
  EXPECT_THAT(error_of("topology:\n  kind: sentinel\n  replica: 2\n"),
              HasSubstr("t.yaml:3:3: unknown key 'replica' in topology"));
}

TEST(ScenarioLoader, BadTopologyValuePointsAtIt) {
  EXPECT_THAT(error_of("topology:\n  replicas: two\n"),
              HasSubstr("t.yaml:2:13: topology.replicas is 'two'"));
  EXPECT_THAT(error_of("topology:\n  kind: sentinel\n  sentinels: 3\n  quorum: 4\n"),
              HasSubstr("t.yaml:2:3: topology: bad --quorum 4"));
}

TEST(ScenarioLoader, UnknownWorkloadOptionPointsAtTheKey) {
  std::string e = error_of("workloads:\n  - kind: counter\n    clinets: 4\n");
  EXPECT_THAT(e, HasSubstr("t.yaml:3:5: workload counter: unknown option 'clinets'"));
  EXPECT_THAT(e, HasSubstr("clients"));
}

TEST(ScenarioLoader, BadWorkloadValueAndKindAreErrors) {
  EXPECT_THAT(error_of("workloads:\n  - kind: counter\n    clients: -1\n"),
              HasSubstr("t.yaml:3:5: workload counter: option 'clients' is -1"));
  EXPECT_THAT(error_of("workloads:\n  - kind: countr\n"),
              HasSubstr("t.yaml:2:11: unknown workload 'countr'"));
  EXPECT_THAT(error_of("workloads:\n  - clients: 3\n"),
              HasSubstr("t.yaml:2:5: a workload needs kind: (stale-reads, counter, register, "
                        "set, kv)"));
}

TEST(ScenarioLoader, KvWorkloadOptionsAreCheckedWhereTheyAreWritten) {
  EXPECT_EQ(error_of("workloads:\n  - kind: kv\n    pipeline: 8\n    ratio: \"1:10\"\n"), "");
  EXPECT_THAT(error_of("workloads:\n  - kind: kv\n    ratio: \"1-1\"\n"),
              HasSubstr("t.yaml:3:5: workload kv: option 'ratio' is '1-1': expected SET:GET"));
  EXPECT_THAT(error_of("workloads:\n  - kind: kv\n    clients: 1000\n    pipeline: 101\n"),
              HasSubstr("t.yaml:4:5: workload kv: clients x pipeline is 101000"));
  EXPECT_THAT(error_of("workloads:\n  - kind: kv\n    key_pattern: gauss\n"),
              HasSubstr("t.yaml:3:5:"));
  EXPECT_THAT(error_of("workloads:\n  - kind: kv\n    retry_delay: 1s\n"),
              HasSubstr("unknown option 'retry_delay'"));
}

TEST(ScenarioLoader, UnknownFaultVerbOrTimingKeyIsAnError) {
  std::string e = error_of("faults:\n  - kil: master\n    at: 1s\n");
  EXPECT_THAT(e, HasSubstr("t.yaml:2:5: unknown key 'kil' in a fault"));
  EXPECT_THAT(e, HasSubstr("kill"));
  EXPECT_THAT(error_of("faults:\n  - kill: master\n    att: 1s\n"),
              HasSubstr("t.yaml:3:5: unknown key 'att'"));
  EXPECT_THAT(error_of("faults:\n  - kill: master\n    pause: master\n"),
              HasSubstr("t.yaml:3:5: one fault per entry"));
  EXPECT_THAT(error_of("faults:\n  - at: 1s\n"), HasSubstr("t.yaml:2:5: a fault needs a verb"));
}

TEST(ScenarioLoader, BadFaultOptionPointsAtTheKey) {
  EXPECT_THAT(error_of("faults:\n  - kill:\n      target: master\n      restrat: false\n"),
              HasSubstr("t.yaml:4:7: fault kill: unknown option 'restrat'"));
  EXPECT_THAT(error_of("faults:\n  - kill: primary\n"),
              HasSubstr("t.yaml:2:11: fault kill: bad target 'primary'"));
  EXPECT_THAT(error_of("faults:\n  - stop-sentinels: lots\n"),
              HasSubstr("t.yaml:2:21: fault stop-sentinels: option 'count' is \"lots\""));
}

TEST(ScenarioLoader, DurationsNeedAUnit) {
  EXPECT_THAT(error_of("duration: 20\n"),
              HasSubstr("t.yaml:1:11: duration: '20' is not a duration"));
  EXPECT_THAT(error_of("faults:\n  - kill: master\n    at: 3\n"),
              HasSubstr("t.yaml:3:9: at: '3' is not a duration"));
  EXPECT_THAT(error_of("duration: 0s\n"), HasSubstr("t.yaml:1:11: duration must be more than 0s"));
}

TEST(ScenarioLoader, ScheduleMistakesAreErrors) {
  EXPECT_THAT(
      error_of("duration: 10s\nfaults:\n  - kill: master\n    at: 12s\n"),
      HasSubstr("t.yaml:4:9: fault kill starts at 12s, not before the run ends (duration 10s)"));
  EXPECT_THAT(error_of("duration: 60s\nfaults:\n  - kill: master\n    every: 5s\n    repeat: 20\n"),
              HasSubstr("t.yaml:3:5: fault kill starts at 95s"));
  EXPECT_THAT(error_of("faults:\n  - kill: master\n    repeat: 2\n"),
              HasSubstr("t.yaml:3:13: repeat needs every"));
  EXPECT_THAT(error_of("faults:\n  - kill: master\n    for: 5s\n    every: 5s\n    repeat: 2\n"),
              HasSubstr("t.yaml:3:10: for (5s) must be shorter than every (5s)"));
}

TEST(ScenarioLoader, UnknownCheckIsAnError) {
  EXPECT_THAT(error_of("checks: [counter, linearisable]\n"),
              HasSubstr("t.yaml:1:19: unknown check 'linearisable'"));
}

TEST(ScenarioLoader, DuplicateKeysAreErrors) {
  EXPECT_THAT(error_of("faults:\n  - kill: master\n    at: 1s\n    at: 2s\n"),
              HasSubstr("t.yaml:4:5: 'at' appears twice"));
}

TEST(ScenarioLoader, EveryShippedScenarioLoadsWithItsLesson) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(__FILE__).parent_path().parent_path().parent_path() / "scenarios";
  for (const char* name :
       {"replication-stale-reads", "sentinel-manual-failover", "sentinel-kill-master",
        "sentinel-pause-master", "sentinel-quorum-loss", "sentinel-replica-scaling"}) {
    SCOPED_TRACE(name);
    Scenario s =
        load_scenario_file((dir / (std::string(name) + ".yaml")).string(), scenario_vocabulary());
    EXPECT_EQ(s.name, name);
    EXPECT_FALSE(s.summary.empty());
    EXPECT_GT(s.explain.size(), 800u) << "the lesson is missing";
    EXPECT_LE(s.duration, 60 * kSeconds) << "shipped scenarios run in under a minute";
  }
}

}  // namespace
}  // namespace rrt
