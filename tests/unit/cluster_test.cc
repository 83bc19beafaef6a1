// Known answers for the cluster pieces: key slots (the values redis-cli CLUSTER KEYSLOT gives),
// redirections, CLUSTER NODES lines and the cluster failover checker on a hand-made run.
#include <gtest/gtest.h>

#include "check/cluster_failover.h"
#include "cluster/cluster_nodes.h"
#include "cluster/key_slot.h"
#include "cluster/redirect.h"
#include "history/fault_detail.h"

namespace rrt {
namespace {

TEST(KeySlot, MatchesRedis) {
  EXPECT_EQ(key_slot("foo"), 12182);
  EXPECT_EQ(key_slot("bar"), 5061);
  EXPECT_EQ(key_slot("123456789"), 0x31C3);  // the CRC16/XMODEM check value
  EXPECT_EQ(key_slot(""), 0);
}

TEST(KeySlot, HashTags) {
  EXPECT_EQ(key_slot("{user1000}.following"), key_slot("{user1000}.followers"));
  EXPECT_EQ(key_slot("{user1000}.following"), key_slot("user1000"));
  EXPECT_EQ(key_slot("foo{}{bar}"), key_slot("foo{}{bar}"));  // empty tag: whole key hashed
  EXPECT_NE(key_slot("foo{}{bar}"), key_slot("bar"));
  EXPECT_EQ(key_slot("foo{{bar}}zap"), key_slot("{bar"));
  EXPECT_EQ(key_slot("no{close"), key_slot(std::string("no{close")));
}

TEST(Redirect, MovedAndAsk) {
  Endpoint from{"127.0.0.1", 7000};
  auto moved = parse_redirect("MOVED 3999 127.0.0.1:6381", from);
  ASSERT_TRUE(moved);
  EXPECT_TRUE(moved->moved);
  EXPECT_EQ(moved->slot, 3999);
  EXPECT_EQ(moved->target, (Endpoint{"127.0.0.1", 6381}));
  auto ask = parse_redirect("ASK 12 :7002", from);
  ASSERT_TRUE(ask);
  EXPECT_FALSE(ask->moved);
  EXPECT_EQ(ask->target, (Endpoint{"127.0.0.1", 7002}));
  EXPECT_FALSE(parse_redirect("CLUSTERDOWN The cluster is down", from));
  EXPECT_FALSE(parse_redirect("MOVED x 127.0.0.1:1", from));
  EXPECT_FALSE(parse_redirect("MOVED 1 nowhere", from));
}

TEST(ClusterNodes, ParsesFlagsEpochsAndSlots) {
  auto nodes = parse_cluster_nodes(
      "a1 127.0.0.1:7000@17000 myself,master - 0 0 1 connected 0-5460\n"
      "b2 127.0.0.1:7001@17001,host master,fail? - 1 0 2 connected 5461-10922 "
      "[5461->-a1]\n"
      "c3 127.0.0.1:7003@17003 slave a1 0 0 1 connected\n");
  ASSERT_EQ(nodes.size(), 3u);
  EXPECT_TRUE(nodes[0].myself());
  EXPECT_TRUE(nodes[0].is_master());
  EXPECT_EQ(nodes[0].slot_text(), "0-5460");
  EXPECT_EQ(nodes[1].endpoint, (Endpoint{"127.0.0.1", 7001}));
  EXPECT_EQ(nodes[1].failure(), "pfail");
  EXPECT_EQ(nodes[1].config_epoch, 2);
  EXPECT_EQ(nodes[1].slot_text(), "5461-10922");
  EXPECT_FALSE(nodes[2].is_master());
  EXPECT_EQ(nodes[2].master_id, "a1");
  EXPECT_THROW(parse_cluster_nodes("a1 127.0.0.1:7000@17000 master\n"), std::invalid_argument);
}

// A key whose slot is in [lo, hi].
std::string key_in(int lo, int hi) {
  for (int i = 0;; ++i) {
    std::string k = "k" + std::to_string(i);
    if (key_slot(k) >= lo && key_slot(k) <= hi) return k;
  }
}

Event view(double ms, const std::string& observer, const std::string& subject,
           const std::string& role, const std::string& master, const std::string& failure,
           long long epoch, const std::string& slots) {
  return {static_cast<Nanos>(ms * kMillis),
          "cluster",
          "cluster-view",
          observer,
          {{"subject", subject},
           {"role", role},
           {"master", master},
           {"failure", failure},
           {"epoch", epoch},
           {"slots", slots}}};
}

Event state(double ms, const std::string& observer, const std::string& s) {
  return {static_cast<Nanos>(ms * kMillis), "cluster", "cluster-state", observer, {{"state", s}}};
}

// The nemesis start of a kill of master `node`.
Event kill_of_master(double ms, const std::string& node) {
  FaultDetail d;
  d.node = node;
  d.role = Role::kMaster;
  d.disrupts_master = true;
  return {static_cast<Nanos>(ms * kMillis), kNemesis, "kill", node, to_json(d)};
}

// The nemesis start of a partition that cuts `master` off from the majority of masters.
Event partition_cutting_off(double ms, const std::string& master) {
  FaultDetail d;
  d.disrupts_master = true;
  d.master = master;
  d.extra["groups"] = {{master}};
  return {static_cast<Nanos>(ms * kMillis), kNemesis, "partition", "", to_json(d)};
}

void add_op(History& h, int64_t process, const std::string& key, double start, double end,
            OpType type, const std::string& error = "", const std::string& node = "") {
  h.push_back({-1, process, OpType::kInvoke, "incr", key, Value::of(1),
               static_cast<Nanos>(start * kMillis), node, ""});
  h.push_back({-1, process, type, "incr", key, Value::of(1), static_cast<Nanos>(end * kMillis),
               node, error});
}

TEST(ClusterFailoverCheck, PhasesAndShardOutages) {
  Events ev = {
      view(10, "redis-2", "redis-1", "master", "", "", 1, "0-8191"),
      view(10, "redis-2", "redis-2", "master", "", "", 2, "8192-16383"),
      view(10, "redis-2", "redis-3", "replica", "redis-1", "", 1, ""),
      kill_of_master(1000, "redis-1"),
      view(2100, "redis-2", "redis-1", "master", "", "pfail", 1, "0-8191"),
      view(3000, "redis-2", "redis-1", "master", "", "fail", 1, "0-8191"),
      state(3001, "redis-2", "fail"),
      view(3700, "redis-2", "redis-3", "master", "", "", 3, "0-8191"),
      state(3710, "redis-2", "ok"),
  };
  std::string k1 = key_in(0, 8191), k2 = key_in(8192, 16383);
  History h;
  add_op(h, 1, k1, 900, 950, OpType::kOk);
  add_op(h, 1, k1, 1000, 1001, OpType::kFail, "connect-refused");
  add_op(h, 1, k1, 3800, 3810, OpType::kOk);
  add_op(h, 2, k2, 900, 960, OpType::kOk);
  add_op(h, 2, k2, 3100, 3101, OpType::kFail, "CLUSTERDOWN");
  add_op(h, 2, k2, 3750, 3760, OpType::kOk);
  std::stable_sort(h.begin(), h.end(), [](const Op& a, const Op& b) { return a.time < b.time; });

  CheckResult r = check_cluster_failover(h, ev, {{"expect", "failover"}});
  EXPECT_EQ(r.verdict, Verdict::kValid) << r.summary;
  EXPECT_EQ(r.metrics["fail_ms"], 2000);
  EXPECT_EQ(r.metrics["promoted_ms"], 2700);
  EXPECT_EQ(r.metrics["outage_ms"], 2860);  // 950 -> 3810 on redis-1's keys
  EXPECT_EQ(r.metrics["max_outage_ms"], 2860);
  auto all = analyze_cluster_failovers(h, ev);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].new_master, "redis-3");
  EXPECT_EQ(all[0].new_epoch, 3);
  EXPECT_EQ(all[0].phases.at("pfail"), 1100 * kMillis);
  EXPECT_EQ(all[0].phases.at("cluster_fail"), 2001 * kMillis);
  EXPECT_EQ(all[0].phases.at("cluster_ok"), 2710 * kMillis);
  ASSERT_EQ(all[0].shards.size(), 2u);
  EXPECT_EQ(all[0].shards[1].errors.at("CLUSTERDOWN (fail)"), 1);
  EXPECT_EQ(*all[0].shards[1].outage, 2800 * kMillis);  // 960 -> 3760: the whole cluster was down

  CheckResult strict = check_cluster_failover(h, ev, {{"max_outage_ms", 1000}});
  EXPECT_EQ(strict.verdict, Verdict::kInvalid);
}

// A master cut off with a minority: it acknowledges writes until it sees it is in the minority,
// then refuses them; the majority promotes its replica meanwhile.
TEST(ClusterFailoverCheck, MinorityMasterWritesAfterTheCutAndItsRefusal) {
  const std::string r1 = "10.0.0.11:7000", r3 = "10.0.0.13:7002";
  Events ev = {
      {5 * kMillis,
       "runner",
       "lab-ready",
       "",
       {{"nodes",
         {{{"name", "redis-1"}, {"role", "master"}, {"endpoint", r1}},
          {{"name", "redis-3"}, {"role", "replica"}, {"endpoint", r3}}}}}},
      view(10, "redis-2", "redis-1", "master", "", "", 1, "0-8191"),
      view(10, "redis-2", "redis-2", "master", "", "", 2, "8192-16383"),
      view(10, "redis-2", "redis-3", "replica", "redis-1", "", 1, ""),
      partition_cutting_off(1000, "redis-1"),
      state(3150, "redis-1", "fail"),
      view(3200, "redis-2", "redis-1", "master", "", "pfail", 1, "0-8191"),
      view(3300, "redis-2", "redis-1", "master", "", "fail", 1, "0-8191"),
      view(4000, "redis-2", "redis-3", "master", "", "", 3, "0-8191"),
      view(9000, "redis-2", "redis-1", "replica", "redis-3", "", 3, ""),
  };
  std::string k1 = key_in(0, 8191);
  History h;
  add_op(h, 1, k1, 900, 901, OpType::kOk, "", r1);    // before the cut: not counted
  add_op(h, 1, k1, 1100, 1101, OpType::kOk, "", r1);  // acknowledged after the cut
  add_op(h, 1, k1, 3000, 3001, OpType::kOk, "", r1);  // the last one
  add_op(h, 1, k1, 3100, 3102, OpType::kFail, "CLUSTERDOWN", r1);
  add_op(h, 1, k1, 3400, 3401, OpType::kFail, "CLUSTERDOWN", r1);
  add_op(h, 2, k1, 4100, 4101, OpType::kOk, "", r3);  // the new master's
  add_op(h, 2, k1, 9500, 9501, OpType::kOk, "", r3);  // after the demotion: the window's end
  std::stable_sort(h.begin(), h.end(), [](const Op& a, const Op& b) { return a.time < b.time; });

  CheckResult r = check_cluster_failover(h, ev, {{"expect", "failover"}});
  EXPECT_EQ(r.verdict, Verdict::kValid) << r.summary;
  EXPECT_EQ(r.metrics["old_master_writes"], 2);
  EXPECT_EQ(r.metrics["old_master_last_write_ms"], 2001);
  EXPECT_EQ(r.metrics["old_master_refused_ms"], 2102);
  EXPECT_EQ(r.metrics["promoted_ms"], 3000);
  auto all = analyze_cluster_failovers(h, ev);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].old_master, "redis-1");
  EXPECT_EQ(all[0].new_master, "redis-3");
  EXPECT_EQ(all[0].phases.at("old_master_cluster_fail"), 2150 * kMillis);
  EXPECT_EQ(all[0].phases.at("old_master_replica"), 8000 * kMillis);
  std::string text = describe(all[0]);
  EXPECT_NE(text.find("cluster failover: partition (master redis-1)"), std::string::npos) << text;
  EXPECT_NE(text.find("redis-1 acknowledged 2 writes after the fault, the last at 2001 ms; it "
                      "refused writes (CLUSTERDOWN) from 2102 ms"),
            std::string::npos)
      << text;
  // Phases print in time order: the minority master refused before the majority promoted.
  EXPECT_LT(text.find("old_master_refused"), text.find("promoted"));

  // Without the lab-ready event the old master's endpoint is unknown: nothing is counted.
  Events no_lab(ev.begin() + 1, ev.end());
  EXPECT_EQ(check_cluster_failover(h, no_lab, {}).metrics["old_master_writes"], 0);
}

}  // namespace
}  // namespace rrt
