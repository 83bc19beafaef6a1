// Planned switchovers for real: Redis's own FAILOVER (confirmed by ROLE, aborted when the replica
// cannot catch up), and what the sentinels do when FAILOVER demotes their master behind their
// back (measured with Redis 7.0.15; docs/switchover.md). A Redis upgrade that changes the
// sentinels' reaction fails SentinelUndoesAFailoverSentBehindItsBack.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "scenario_run.h"
#include "test_support.h"

namespace rrt {
namespace {

using rrt::testing::run_scenario_cli;
using rrt::testing::ScenarioRun;
using rrt::testing::TempHome;
using rrt::testing::wait_no_processes_under;
using rrt::testing::write_scenario;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

int64_t ms_of(const nlohmann::json& event) {
  return event["time"].get<int64_t>() / 1'000'000;
}

// The first event of `source`/`name` at or after `from_ms`, or null.
nlohmann::json first_after(const ScenarioRun& r, const std::string& source, const std::string& name,
                           int64_t from_ms) {
  for (const auto& e : r.find(source, name)) {
    if (ms_of(e) >= from_ms) return e;
  }
  return nullptr;
}

// FAILOVER under Sentinel: Redis switches in milliseconds, the sentinels keep handing out the
// old master (now a replica) until they declare it down for reporting role slave (measured
// 27-30 s with down-after-milliseconds 1000), then fail over on their own with config epoch 1.
// The run lasts 40 s so that their failover and the clients' first writes after it are in it.
TEST(Switchover, SentinelUndoesAFailoverSentBehindItsBack) {
  TempHome home;
  ScenarioRun r = run_scenario_cli({"redis-failover", "--duration", "40s"}, home.path(), 150);
  ASSERT_FALSE(r.dir.empty()) << r.command.out << r.command.err;
  EXPECT_TRUE(r.find("nemesis", "fault-error").empty()) << r.command.out;
  auto starts = r.find("nemesis", "failover");
  ASSERT_FALSE(starts.empty()) << r.command.out;
  const nlohmann::json& d = starts[0]["detail"];
  EXPECT_EQ(d["node"], "redis-1");
  EXPECT_NE(d["new_master"], "redis-1");
  EXPECT_LT(d.value("switched_after_ms", 99999), 2000) << d.dump();
  int64_t fault = ms_of(starts[0]);

  // The sentinels' own failover, long after the switch: +sdown of the old master (it reports
  // role slave), a new epoch 1, and +switch-master away from it.
  nlohmann::json sdown = first_after(r, "sentinel", "+sdown", fault);
  ASSERT_TRUE(sdown.is_object()) << "the sentinels never reacted";
  EXPECT_THAT(sdown["detail"]["message"].get<std::string>(), HasSubstr("master mymaster"));
  EXPECT_GE(ms_of(sdown) - fault, 15000);
  EXPECT_LE(ms_of(sdown) - fault, 34000);
  nlohmann::json epoch = first_after(r, "sentinel", "+new-epoch", fault);
  ASSERT_TRUE(epoch.is_object());
  EXPECT_EQ(epoch["detail"]["message"], "1");
  nlohmann::json sw = first_after(r, "sentinel", "+switch-master", fault);
  ASSERT_TRUE(sw.is_object());
  std::string old_master = d["endpoint"];  // "host:port"; the message says "host port"
  old_master[old_master.find(':')] = ' ';
  EXPECT_THAT(sw["detail"]["message"].get<std::string>(), HasSubstr("mymaster " + old_master));
  EXPECT_GE(ms_of(sw), ms_of(sdown));

  // Until then no client could write (both groups ask Sentinel); nothing acknowledged is lost
  // (a counter whose final read found no master in time is unknown, never invalid).
  const nlohmann::json& f = r.results["failover"]["failovers"][0];
  ASSERT_TRUE(f["outage"]["ms"].is_number()) << "writes resumed after their failover: " << f.dump();
  EXPECT_GE(f["outage"]["ms"].get<int64_t>(), ms_of(sdown) - fault) << f.dump();
  EXPECT_GT(f["outage"]["errors"].value("not-master (fail)", 0), 0) << f.dump();
  for (const auto& c : r.results["checks"]) {
    if (c["name"] != "counter") continue;
    EXPECT_NE(c["verdict"], "invalid") << c.dump();
    EXPECT_EQ(c.value("lost", 0), 0) << c.dump();
  }
  EXPECT_THAT(wait_no_processes_under(home.path(), 5), IsEmpty());
}

// Writes `yaml` as <home>/<name>.yaml and runs it.
ScenarioRun run_written(const TempHome& home, const std::string& name, const char* yaml) {
  ScenarioRun r = run_scenario_cli({write_scenario(home.path(), name, yaml)}, home.path());
  EXPECT_FALSE(r.dir.empty()) << r.command.out << r.command.err;
  return r;
}

// The run's one counter check lost nothing and acknowledged more than `at_least` increments.
void expect_counter_lost_nothing(const ScenarioRun& r, int at_least) {
  nlohmann::json c = r.check("counter");
  ASSERT_TRUE(c.is_object()) << r.command.out;
  EXPECT_EQ(c["lost"], 0) << c.dump();
  EXPECT_GT(c.value("acknowledged", 0), at_least) << c.dump();
}

constexpr char kReplicationFailover[] = R"(
topology: {kind: replication, replicas: 2}
duration: 6s
workloads:
  - kind: counter
    clients: 6
    rate: 1500
faults:
  - failover: {to: redis-2, timeout: 2s}
    at: 2s
)";

// Without Sentinel, FAILOVER TO + TIMEOUT is the coordinated switch: redis-2 takes over within
// the deadline and not one acknowledged increment is lost.
TEST(Switchover, FailoverToWithTimeoutOnPlainReplicationLosesNothing) {
  TempHome home;
  ScenarioRun r = run_written(home, "failover-to", kReplicationFailover);
  EXPECT_TRUE(r.find("nemesis", "fault-error").empty()) << r.command.out;
  auto starts = r.find("nemesis", "failover");
  ASSERT_FALSE(starts.empty());
  EXPECT_EQ(starts[0]["detail"]["new_master"], "redis-2");
  EXPECT_THAT(starts[0]["detail"]["command"].get<std::string>(), HasSubstr("TIMEOUT 2000"));
  expect_counter_lost_nothing(r, 3000);  // 1500/s for 6 s, a second or so without writes
  EXPECT_THAT(wait_no_processes_under(home.path(), 5), IsEmpty());
}

constexpr char kAbortedFailover[] = R"(
topology: {kind: replication, replicas: 2}
duration: 5s
workloads:
  - kind: counter
    clients: 4
    rate: 1000
faults:
  - pause: redis-2
    at: 1s
    for: 3s
  - failover: {to: redis-2, timeout: 300ms}
    at: 2s
)";

// The chosen replica is paused, so it cannot catch up: FAILOVER gives up after its TIMEOUT and
// the run records a fault-error, never an applied switchover; the old master stays master.
TEST(Switchover, AnAbortedFailoverIsAFaultError) {
  TempHome home;
  ScenarioRun r = run_written(home, "failover-abort", kAbortedFailover);
  auto errors = r.find("nemesis", "fault-error");
  ASSERT_EQ(errors.size(), 1u) << r.command.out;
  EXPECT_EQ(errors[0]["detail"]["fault"], "failover");
  EXPECT_THAT(errors[0]["detail"]["error"].get<std::string>(), HasSubstr("was aborted"));
  EXPECT_TRUE(r.find("nemesis", "failover").empty()) << "never recorded as applied";
  expect_counter_lost_nothing(r, 3000);  // the old master kept taking writes (1000/s for 5 s)
  EXPECT_THAT(wait_no_processes_under(home.path(), 5), IsEmpty());
}

}  // namespace
}  // namespace rrt
