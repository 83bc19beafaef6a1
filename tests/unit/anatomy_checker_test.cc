// Known answers for the failover anatomy: hand-made histories and events with the times chosen
// so every phase, the outage and the errors have one right value.
#include <gtest/gtest.h>

#include "base/errors.h"
#include "check/failover_anatomy.h"
#include "history/fault_detail.h"

namespace rrt {
namespace {

constexpr char kOld[] = "127.0.0.1:7000";
constexpr char kNew[] = "127.0.0.1:7001";

// A history written in time order, as the recorder writes it.
class Ops {
 public:
  // One completed op: invoke at `start_ms`, completion of `type` at `end_ms`.
  Ops& op(int64_t process, const char* f, double start_ms, double end_ms, OpType type,
          const std::string& node, const std::string& error = "") {
    Op i{-1, process, OpType::kInvoke, f, "k", Value::of(1), ns(start_ms), node, ""};
    Op c = i;
    c.type = type;
    c.time = ns(end_ms);
    c.error = error;
    records_.push_back(i);
    records_.push_back(c);
    return *this;
  }
  History history() const {
    History h = records_;
    std::stable_sort(h.begin(), h.end(), [](const Op& a, const Op& b) { return a.time < b.time; });
    for (size_t i = 0; i < h.size(); ++i) h[i].index = static_cast<int64_t>(i);
    return h;
  }
  static Nanos ns(double ms) { return static_cast<Nanos>(ms * kMillis); }

 private:
  History records_;
};

Event nemesis(double ms, const std::string& verb, const std::string& phase, bool disrupts,
              const std::string& node = "redis-1") {
  FaultDetail d;
  d.phase = phase == "start" ? FaultPhase::kStart : FaultPhase::kStop;
  d.node = node;
  if (phase == "start") d.endpoint = kOld;
  d.disrupts_master = disrupts;
  return {Ops::ns(ms), kNemesis, verb, node, to_json(d)};
}

Event sentinel(double ms, const std::string& channel, const std::string& message) {
  return {Ops::ns(ms), "sentinel", channel, "127.0.0.1:7005", {{"message", message}}};
}

// A kill at 1000 ms, and Sentinel's answer to it.
Events kill_and_failover() {
  return {
      nemesis(1000, "kill", "start", true),
      sentinel(1900, "+sdown", "slave 127.0.0.1:7002 127.0.0.1 7002 @ mymaster 127.0.0.1 7000"),
      sentinel(2000, "+sdown", "master mymaster 127.0.0.1 7000"),
      sentinel(2010, "+sdown", "master mymaster 127.0.0.1 7000"),  // a second sentinel
      sentinel(2050, "+odown", "master mymaster 127.0.0.1 7000 #quorum 2/2"),
      sentinel(2051, "+try-failover", "master mymaster 127.0.0.1 7000"),
      sentinel(2055, "+elected-leader", "master mymaster 127.0.0.1 7000"),
      sentinel(3000, "+promoted-slave",
               "slave 127.0.0.1:7001 127.0.0.1 7001 @ mymaster 127.0.0.1 7000"),
      sentinel(3100, "+switch-master", "mymaster 127.0.0.1 7000 127.0.0.1 7001"),
      sentinel(3150, "+switch-master", "mymaster 127.0.0.1 7000 127.0.0.1 7001"),
      {Ops::ns(6000), "observer", "role-change", "redis-1", {{"from", "down"}, {"to", "master"}}},
      {Ops::ns(7000),
       "observer",
       "role-change",
       "redis-1",
       {{"from", "master"}, {"to", "replica"}}},
  };
}

// Writes: ok on the old master until 990 ms, errors, ok on the new master from 3020 ms.
History writes_around_failover() {
  Ops h;
  h.op(1, "incr", 400, 500, OpType::kOk, kOld)
      .op(1, "incr", 980, 990, OpType::kOk, kOld)
      .op(1, "incr", 995, 1995, OpType::kInfo, kOld, "timeout")
      .op(1, "incr", 2100, 2100.5, OpType::kFail, kOld, "connect-refused")
      .op(2, "incr", 2200, 2200.5, OpType::kFail, "", "no-master")
      .op(2, "read", 2300, 2301, OpType::kFail, kOld, "connect-refused")
      .op(1, "incr", 3010, 3020, OpType::kOk, kNew)
      .op(2, "incr", 3030, 3040, OpType::kOk, kNew);
  return h.history();
}

TEST(FailoverAnatomy, PhasesAreFirstMasterEventsInMillisecondsFromTheFault) {
  auto all = analyze_failovers(writes_around_failover(), kill_and_failover());
  ASSERT_EQ(all.size(), 1u);
  const FailoverAnatomy& a = all[0];
  EXPECT_EQ(a.fault, "kill");
  EXPECT_EQ(a.fault_node, "redis-1");
  EXPECT_EQ(a.old_master, kOld);
  EXPECT_EQ(a.new_master, kNew);
  EXPECT_TRUE(a.failed_over());
  std::map<std::string, Nanos> want = {{"sdown", 1000 * kMillis},
                                       {"odown", 1050 * kMillis},
                                       {"try_failover", 1051 * kMillis},
                                       {"elected_leader", 1055 * kMillis},
                                       {"promoted_slave", 2000 * kMillis},
                                       {"switch_master", 2100 * kMillis},
                                       {"first_write_new_master", 2020 * kMillis}};
  EXPECT_EQ(a.phases, want);
}

TEST(FailoverAnatomy, OutageRunsFromLastOldWriteToFirstNewWrite) {
  auto a = analyze_failovers(writes_around_failover(), kill_and_failover()).at(0);
  ASSERT_TRUE(a.outage());
  EXPECT_EQ(*a.last_ok_write_before, -10 * kMillis);
  EXPECT_EQ(*a.first_ok_write_after, 2020 * kMillis);
  EXPECT_EQ(*a.outage(), 2030 * kMillis);
  std::map<std::string, int64_t> errors = {
      {"timeout (info)", 1}, {"connect-refused (fail)", 2}, {"no-master (fail)", 1}};
  EXPECT_EQ(a.errors, errors);
  EXPECT_EQ(a.late_old_master_writes, 0);
  EXPECT_EQ(a.node_last_role, "replica");
  EXPECT_EQ(a.node_last_role_at, 6000 * kMillis);
}

TEST(FailoverAnatomy, JsonCarriesMillisecondsAndTheTimelineIsInOrder) {
  auto a = analyze_failovers(writes_around_failover(), kill_and_failover()).at(0);
  nlohmann::json j = to_json(a);
  EXPECT_EQ(j["fault_at_ms"], 1000);
  EXPECT_EQ(j["phases"]["switch_master"], 2100);
  EXPECT_EQ(j["outage"]["ms"], 2030);
  EXPECT_EQ(j["outage"]["from_ms"], -10);
  EXPECT_EQ(j["node_last_role"]["role"], "replica");
  int64_t previous = -1;
  for (const auto& row : j["timeline"]) {
    EXPECT_GE(row["ms"].get<int64_t>(), previous);
    previous = row["ms"];
  }
  EXPECT_EQ(j["timeline"][0]["event"], "kill");
  std::string text = describe(a, 1, 1);
  EXPECT_NE(text.find("+switch-master"), std::string::npos) << text;
  EXPECT_NE(text.find("write outage: 2030 ms"), std::string::npos) << text;
}

TEST(FailoverAnatomy, OldMasterWritesAfterTheNewMastersFirstAreASplitBrain) {
  Ops h;
  h.op(1, "incr", 980, 990, OpType::kOk, kOld)
      .op(2, "incr", 3010, 3020, OpType::kOk, kNew)
      .op(1, "incr", 995, 5000, OpType::kOk, kOld)  // the paused master answers when resumed
      .op(1, "incr", 5001, 5002, OpType::kOk, kOld);
  auto a = analyze_failovers(h.history(), kill_and_failover()).at(0);
  EXPECT_EQ(a.late_old_master_writes, 2);
  EXPECT_EQ(*a.outage(), 2030 * kMillis);
}

TEST(FailoverAnatomy, WithoutFailoverTheOutageIsTheLongestWriteGap) {
  Events events = {nemesis(1000, "pause", "start", true), nemesis(1500, "pause", "stop", false),
                   sentinel(1400, "+sdown", "master mymaster 127.0.0.1 7000"),
                   sentinel(1600, "-sdown", "master mymaster 127.0.0.1 7000")};
  Ops h;
  h.op(1, "incr", 900, 999, OpType::kOk, kOld)
      .op(1, "incr", 1000.5, 1000.7, OpType::kOk, kOld)  // answered before SIGSTOP landed
      .op(1, "incr", 1001, 1500.5, OpType::kOk, kOld)
      .op(1, "incr", 1501, 1502, OpType::kOk, kOld);
  auto a = analyze_failovers(h.history(), events).at(0);
  EXPECT_FALSE(a.failed_over());
  EXPECT_EQ(a.phases.at("sdown"), 400 * kMillis);
  EXPECT_EQ(a.phases.at("sdown_cleared"), 600 * kMillis);
  ASSERT_TRUE(a.outage());
  EXPECT_EQ(*a.outage(), Ops::ns(1500.5) - Ops::ns(1000.7));
}

TEST(FailoverAnatomy, WritesThatNeverResumeHaveNoOutageEnd) {
  Events events = {nemesis(1000, "kill", "start", true)};
  Ops h;
  h.op(1, "incr", 900, 990, OpType::kOk, kOld)
      .op(1, "incr", 1001, 1002, OpType::kFail, kOld, "connect-refused")
      .op(1, "incr", 5001, 5002, OpType::kFail, kOld, "connect-refused");
  auto a = analyze_failovers(h.history(), events).at(0);
  EXPECT_FALSE(a.outage());
  EXPECT_EQ(*a.last_ok_write_before, -10 * kMillis);
  EXPECT_EQ(a.errors.at("connect-refused (fail)"), 2);
}

TEST(FailoverAnatomy, EachDisruptionHasItsOwnWindow) {
  Events events = kill_and_failover();
  events.push_back(nemesis(10000, "sentinel-failover", "start", true, ""));
  events.push_back(sentinel(10500, "+switch-master", "mymaster 127.0.0.1 7001 127.0.0.1 7002"));
  auto all = analyze_failovers(writes_around_failover(), events);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].new_master, kNew);
  EXPECT_EQ(all[0].window_end, 9000 * kMillis);
  EXPECT_EQ(all[1].old_master, kNew);  // the switch's old address wins over the fault's
  EXPECT_EQ(all[1].new_master, "127.0.0.1:7002");
  EXPECT_EQ(all[1].phases.at("switch_master"), 500 * kMillis);
  EXPECT_EQ(all[1].phases.count("sdown"), 0u);
}

TEST(FailoverAnatomy, CheckerVerdictsFollowTheExpectations) {
  History h = writes_around_failover();
  Events ev = kill_and_failover();
  CheckResult r = check_failover_anatomy(h, ev, {{"expect", "failover"}});
  EXPECT_EQ(r.verdict, Verdict::kValid) << r.summary;
  EXPECT_EQ(r.metrics["outage_ms"], 2030);
  EXPECT_EQ(r.metrics["switch_master_ms"], 2100);
  EXPECT_EQ(r.metrics["failovers"], 1);
  EXPECT_NE(r.explanation.find("+elected-leader"), std::string::npos);
  EXPECT_EQ(check_failover_anatomy(h, ev, {{"expect", "none"}}).verdict, Verdict::kInvalid);
  EXPECT_EQ(check_failover_anatomy(h, ev, {{"max_outage_ms", 2000}}).verdict, Verdict::kInvalid);
  EXPECT_EQ(check_failover_anatomy(h, ev, {{"max_outage_ms", 2100}}).verdict, Verdict::kValid);
  EXPECT_THROW(check_failover_anatomy(h, ev, {{"expect", "sometimes"}}), UsageError);
}

TEST(FailoverAnatomy, NoFailoverDuringAFaultIsChecked) {
  History h = writes_around_failover();
  Events during = kill_and_failover();
  during.push_back(nemesis(0, "stop-sentinels", "start", false, ""));
  during.push_back(nemesis(5000, "stop-sentinels", "stop", false, ""));
  nlohmann::json o = {{"no_failover_during", "stop-sentinels"}};
  EXPECT_EQ(check_failover_anatomy(h, during, o).verdict, Verdict::kInvalid);
  Events before = kill_and_failover();
  before.push_back(nemesis(0, "stop-sentinels", "start", false, ""));
  before.push_back(nemesis(2000, "stop-sentinels", "stop", false, ""));
  EXPECT_EQ(check_failover_anatomy(h, before, o).verdict, Verdict::kValid);
}

TEST(FailoverAnatomy, NothingToDissectWithoutADisruption) {
  Events ev = {nemesis(1000, "kill", "start", false, "redis-3")};
  EXPECT_TRUE(analyze_failovers(writes_around_failover(), ev).empty());
  EXPECT_EQ(check_failover_anatomy({}, ev, {}).verdict, Verdict::kValid);
  EXPECT_EQ(check_failover_anatomy({}, ev, {{"expect", "failover"}}).verdict, Verdict::kUnknown);
}

}  // namespace
}  // namespace rrt
