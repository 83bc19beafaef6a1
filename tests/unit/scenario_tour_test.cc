// The pieces of live progress and the tour that need no Redis: the status line, the live status
// fed by fault events and +switch-master payloads, the key numbers read from results.json, and
// the tour's index page.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "history/fault_detail.h"
#include "report/key_numbers.h"
#include "run/live_status.h"
#include "run/tour.h"

namespace rrt {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

Topology two_node_topology() {
  Topology t;
  t.kind = TopologyKind::kReplication;
  t.nodes = {{"redis-1", Role::kMaster, {"127.0.0.1", 7001}, ""},
             {"redis-2", Role::kReplica, {"127.0.0.1", 7002}, ""}};
  return t;
}

Event fault_event(const std::string& name, const std::string& node, const std::string& phase) {
  Event e;
  e.source = kNemesis;
  e.name = name;
  e.node = node;
  FaultDetail d;
  d.phase = phase == "start" ? FaultPhase::kStart : FaultPhase::kStop;
  d.node = node;
  e.detail = to_json(d);
  return e;
}

TEST(LiveStatus, FaultsAreInForceFromStartToStopAndTheMasterFollowsSwitches) {
  LoadReport done;
  done.ok = 90;
  done.fail = 7;
  done.info = 3;
  LiveStatus live(
      two_node_topology(), [&] { return done; }, mono_ns(), 20 * kSeconds);
  EXPECT_EQ(live.snapshot().master, "redis-1 127.0.0.1:7001");

  live.on_fault_event(fault_event("kill", "redis-1", "start"));
  live.on_switch_master("mymaster 127.0.0.1 7001 127.0.0.1 7002");
  StatusSnapshot s = live.snapshot();
  EXPECT_EQ(s.faults, "kill redis-1");
  EXPECT_EQ(s.master, "redis-2 127.0.0.1:7002");
  EXPECT_EQ(s.ok + s.fail + s.info, 100u);

  live.on_fault_event(fault_event("kill", "redis-1", "stop"));
  live.on_switch_master("garbage");  // ignored: not five fields
  s = live.snapshot();
  EXPECT_EQ(s.faults, "");
  EXPECT_EQ(s.master, "redis-2 127.0.0.1:7002");
}

TEST(LiveStatus, RatesCountOnlyOperationsSinceTheLastSnapshot) {
  LoadReport done;
  LiveStatus live(
      two_node_topology(), [&] { return done; }, mono_ns(), 20 * kSeconds);
  live.snapshot();
  EXPECT_EQ(live.snapshot().ops_per_s, 0);
  done.ok = 1000;
  EXPECT_GT(live.snapshot().ops_per_s, 0);
  EXPECT_EQ(live.snapshot().ops_per_s, 0);
}

TEST(LiveStatus, FormatShowsTimeOpsErrorsFaultAndMaster) {
  StatusSnapshot s{6200 * kMillis,  20 * kSeconds,           1000, 10, 6, 1510, 16,
                   "pause redis-1", "redis-3 127.0.0.1:7002"};
  EXPECT_THAT(format_status(s),
              AllOf(HasSubstr("6.2/20.0 s"), HasSubstr("1016 ops"), HasSubstr("1510 ops/s"),
                    HasSubstr("errors 16"), HasSubstr("fault: pause redis-1"),
                    HasSubstr("master: redis-3 127.0.0.1:7002")));
  s.faults = s.master = "";
  EXPECT_THAT(format_status(s), AllOf(Not(HasSubstr("fault:")), Not(HasSubstr("master:"))));
}

TEST(KeyNumbers, SentencesComeFromFailoverAndChecks) {
  auto results = nlohmann::json::parse(R"({
    "failover": {"phases": {"switch_master": 2310}, "outage_ms": 2204,
                 "failovers": [{"fault": "kill", "node": "redis-1", "new_master": "127.0.0.1:7002",
                                "phases": {"switch_master": 2310},
                                "outage": {"ms": 2204, "recovered": true},
                                "late_old_master_writes": 12}]},
    "checks": [{"name": "stale-reads", "reads": 200, "stale_reads": 9, "stale_rate": 0.045},
               {"name": "counter", "lost": 20, "acknowledged": 500},
               {"name": "set", "lost": 0, "acknowledged": 40},
               {"name": "other", "lost": 3}]})");
  EXPECT_THAT(key_numbers(results),
              ElementsAre("a new master (127.0.0.1:7002) was announced 2.31 s after the fault",
                          "writes were refused for 2.20 s",
                          "the old master acknowledged 12 writes after the promotion (split "
                          "brain: lost when it is demoted)",
                          "9 of 200 replica reads were stale (4.5%)",
                          "20 acknowledged increments were lost (of 500 acknowledged)",
                          "no acknowledged set additions were lost (40 acknowledged)",
                          "3 acknowledged writes were lost (other check)"));
  EXPECT_TRUE(key_numbers(nlohmann::json::object()).empty());
  auto cluster = nlohmann::json::parse(R"({"checks": [{"name": "cluster-failover",
      "promoted_ms": 4209, "max_outage_ms": 4229}]})");
  EXPECT_THAT(key_numbers(cluster),
              ElementsAre("a replica was promoted 4.21 s after the fault; the dead master's slots "
                          "refused writes for 4.23 s"));
  auto partition = nlohmann::json::parse(R"({"checks": [{"name": "cluster-failover",
      "promoted_ms": 3694, "max_outage_ms": 2270, "old_master_writes": 220,
      "old_master_last_write_ms": 2309, "old_master_refused_ms": 2328}]})");
  EXPECT_THAT(key_numbers(partition),
              ElementsAre("a replica was promoted 3.69 s after the fault; a shard refused writes "
                          "for 2.27 s",
                          "the cut-off master acknowledged 220 writes in the 2.31 s after the "
                          "fault, then refused them (it found itself in the minority): lost when "
                          "it rejoins as a replica"));
}

TEST(KeyNumbers, SeveralDisruptionsAreNamedAndUnendedOutagesSaid) {
  auto results = nlohmann::json::parse(R"({"failover": {"failovers": [
      {"fault": "pause", "node": "redis-1", "phases": {}, "outage": {"ms": 0, "recovered": true}},
      {"fault": "kill", "node": "redis-2", "phases": {}, "outage": {"ms": null, "recovered": false}}
    ]}})");
  EXPECT_THAT(key_numbers(results),
              ElementsAre("after pause redis-1, no failover happened",
                          "after pause redis-1, writes were never refused: some master always "
                          "took them",
                          "after kill redis-2, no failover happened",
                          "after kill redis-2, writes never resumed"));
}

TEST(TourIndex, LinksEachRunRelativelyAndEscapesText) {
  auto dir = std::filesystem::temp_directory_path() / ("rrt-tour-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir / "tour");
  std::vector<TourEntry> entries = {
      {"replication-stale-reads", "fail", (dir / "run-1").string(), {"9 <stale> reads"}, "a&b"},
      {"sentinel-partition-split-brain", "skipped: needs root", "", {}, ""}};
  write_tour_index((dir / "tour").string(), entries);
  std::ifstream in(dir / "tour" / "index.html");
  std::stringstream page;
  page << in.rdbuf();
  EXPECT_THAT(page.str(),
              AllOf(HasSubstr("href=\"../run-1/report.html\""), HasSubstr("9 &lt;stale&gt; reads"),
                    HasSubstr("a&amp;b"), HasSubstr("skipped: needs root")));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace rrt
