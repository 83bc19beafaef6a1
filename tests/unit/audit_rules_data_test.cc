// Audit rules about data loss and replication, on hand-built snapshots: each fires on the weak
// value with its evidence and stays quiet on the hardened deployment.
#include "audit_fixtures.h"

namespace rrt {
namespace {

using audit_test::evidence_of;
using audit_test::hardened_sentinel;
using audit_test::master_of;
using ::testing::Contains;
using ::testing::HasSubstr;

TEST(AuditPersistence, MasterWithReplicasAndNoPersistenceIsHigh) {
  Snapshot s = hardened_sentinel();
  EXPECT_FALSE(persistence_off_master(s));
  master_of(s).config["save"] = "";
  EXPECT_FALSE(persistence_off_master(s)) << "AOF alone is persistence";
  master_of(s).config["appendonly"] = "no";
  auto f = persistence_off_master(s);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->id, "persistence-off-master");
  EXPECT_EQ(f->severity, Severity::kHigh);
  EXPECT_THAT(evidence_of(*f), Contains("10.0.0.1:6379 save="));
  EXPECT_THAT(evidence_of(*f), Contains("10.0.0.1:6379 appendonly=no"));
  EXPECT_THAT(evidence_of(*f), Contains("10.0.0.1:6379 INFO process_supervised=systemd"));
  EXPECT_EQ(f->scenario, "persistence-off-auto-restart");
  EXPECT_THAT(f->fix, HasSubstr("appendonly yes"));
}

TEST(AuditPersistence, StandaloneWithoutPersistenceIsMedium) {
  Snapshot s = hardened_sentinel();
  s.nodes.resize(1);
  master_of(s).info["connected_slaves"] = "0";
  master_of(s).config["save"] = "";
  master_of(s).config["appendonly"] = "no";
  auto f = persistence_off_master(s);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::kMedium);
}

TEST(AuditPersistence, UnreadableSaveKeepsTheRuleQuietButInfoShowsAof) {
  Snapshot s = hardened_sentinel();
  DataNode& m = master_of(s);
  m.config.clear();
  m.config_read = false;
  m.info["aof_enabled"] = "0";
  EXPECT_FALSE(persistence_off_master(s)) << "save unknown: no verdict";
  std::optional<Setting> aof = m.setting("appendonly");
  ASSERT_TRUE(aof);
  EXPECT_EQ(aof->value, "no");
  EXPECT_EQ(aof->source, "INFO aof_enabled");
}

TEST(AuditPersistence, AppendfsyncSeverityFollowsItsMeaning) {
  Snapshot s = hardened_sentinel();
  auto f = appendfsync_meaning(s);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::kInfo);
  EXPECT_EQ(f->scenario, "aof-crash-loss-always");
  master_of(s).config["appendfsync"] = "everysec";
  f = appendfsync_meaning(s);
  EXPECT_EQ(f->severity, Severity::kLow);
  EXPECT_EQ(f->scenario, "aof-crash-loss-everysec");
  master_of(s).config["appendfsync"] = "no";
  f = appendfsync_meaning(s);
  EXPECT_EQ(f->severity, Severity::kMedium);
  EXPECT_THAT(evidence_of(*f), Contains("10.0.0.1:6379 appendfsync=no"));
  EXPECT_THAT(f->fix, HasSubstr("appendfsync everysec"));
  for (auto& n : s.nodes) n.config["appendonly"] = "no";
  EXPECT_FALSE(appendfsync_meaning(s)) << "no AOF, nothing to say about fsync";
}

TEST(AuditPersistence, EvictionPolicyWithALimitLosesData) {
  Snapshot s = hardened_sentinel();
  master_of(s).config["maxmemory-policy"] = "allkeys-lru";
  EXPECT_FALSE(eviction_policy(s)) << "maxmemory 0: nothing is evicted";
  master_of(s).config["maxmemory"] = "104857600";
  auto f = eviction_policy(s);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::kMedium);
  EXPECT_THAT(evidence_of(*f), Contains("10.0.0.1:6379 maxmemory-policy=allkeys-lru"));
  EXPECT_THAT(f->fix, HasSubstr("noeviction"));
}

TEST(AuditReplication, MinReplicasZeroUnderSentinelIsSplitBrain) {
  Snapshot s = hardened_sentinel();
  EXPECT_FALSE(split_brain_min_replicas(s));
  master_of(s).config["min-replicas-to-write"] = "0";
  auto f = split_brain_min_replicas(s);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::kHigh);
  EXPECT_THAT(evidence_of(*f), Contains("10.0.0.1:6379 min-replicas-to-write=0"));
  EXPECT_EQ(f->scenario, "sentinel-partition-split-brain");
  s.scheme = "redis";
  EXPECT_FALSE(split_brain_min_replicas(s)) << "no automatic failover, no split brain";
}

TEST(AuditReplication, MinReplicasOffSeenInInfoWhenConfigIsHidden) {
  Snapshot s = hardened_sentinel();
  DataNode& m = master_of(s);
  m.config_read = false;
  m.info.erase("min_slaves_good_slaves");
  auto f = split_brain_min_replicas(s);
  ASSERT_TRUE(f);
  EXPECT_THAT(evidence_of(*f),
              Contains("10.0.0.1:6379 min-replicas-to-write (INFO (no min_slaves_good_slaves))=0"));
}

TEST(AuditReplication, MaxLagAboveTenSecondsIsMedium) {
  Snapshot s = hardened_sentinel();
  EXPECT_FALSE(min_replicas_max_lag(s));
  master_of(s).config["min-replicas-max-lag"] = "60";
  auto f = min_replicas_max_lag(s);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::kMedium);
  EXPECT_THAT(evidence_of(*f), Contains("10.0.0.1:6379 min-replicas-max-lag=60"));
  EXPECT_THAT(f->what_happens, HasSubstr("60 s"));
}

TEST(AuditReplication, MinReplicasAsManyAsReplicasHasNoHeadroom) {
  Snapshot s = hardened_sentinel();
  EXPECT_FALSE(min_replicas_no_headroom(s));
  master_of(s).config["min-replicas-to-write"] = "2";
  auto f = min_replicas_no_headroom(s);
  ASSERT_TRUE(f);
  EXPECT_THAT(evidence_of(*f), Contains("10.0.0.1:6379 INFO connected_slaves=2"));
  EXPECT_THAT(f->fix, HasSubstr("min-replicas-to-write 1"));
}

TEST(AuditReplication, StaleAndWritableReplicas) {
  Snapshot s = hardened_sentinel();
  EXPECT_FALSE(replica_serve_stale_data(s));
  EXPECT_FALSE(replica_writable(s));
  s.nodes[1].config["replica-serve-stale-data"] = "yes";
  s.nodes[2].config["replica-read-only"] = "no";
  auto stale = replica_serve_stale_data(s);
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->severity, Severity::kLow);
  EXPECT_THAT(evidence_of(*stale),
              ::testing::ElementsAre("10.0.0.2:6379 replica-serve-stale-data=yes"));
  auto writable = replica_writable(s);
  ASSERT_TRUE(writable);
  EXPECT_EQ(writable->severity, Severity::kHigh);
  EXPECT_THAT(evidence_of(*writable), ::testing::ElementsAre("10.0.0.3:6379 replica-read-only=no"));
}

TEST(AuditReplication, BacklogHoldingSecondsOfWritesIsSmall) {
  Snapshot s = hardened_sentinel();
  EXPECT_FALSE(repl_backlog_small(s)) << "64 MB at 10 kB/s holds hours";
  master_of(s).config["repl-backlog-size"] = "1048576";
  master_of(s).offset_sample = OffsetSample{0, 1'000'000, kSeconds / 2};  // 2 MB/s
  auto f = repl_backlog_small(s);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::kMedium);
  EXPECT_THAT(evidence_of(*f), Contains("10.0.0.1:6379 repl-backlog-size=1048576"));
  EXPECT_THAT(evidence_of(*f), Contains("10.0.0.1:6379 backlog holds=0.5 s"));
  EXPECT_THAT(f->fix, HasSubstr("repl-backlog-size 573mb"));  // 300 s of 2 MB/s
  master_of(s).offset_sample = OffsetSample{5, 5, kSeconds};
  EXPECT_FALSE(repl_backlog_small(s)) << "no writes seen: no verdict";
}

TEST(AuditReplication, EveryReplicaWithPriorityZeroLeavesNoCandidate) {
  Snapshot s = hardened_sentinel();
  s.nodes[1].config["replica-priority"] = "0";
  EXPECT_FALSE(no_failover_candidate(s)) << "one candidate is enough";
  s.nodes[2].config["replica-priority"] = "0";
  auto f = no_failover_candidate(s);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::kHigh);
  EXPECT_THAT(evidence_of(*f), Contains("10.0.0.3:6379 replica-priority=0"));
}

TEST(AuditReplication, NoReplicaAtAllLeavesNoCandidate) {
  Snapshot s = hardened_sentinel();
  s.nodes.resize(1);
  for (auto& sentinel : s.sentinels) sentinel.master["num-slaves"] = "0";
  auto f = no_failover_candidate(s);
  ASSERT_TRUE(f);
  EXPECT_THAT(evidence_of(*f), Contains("10.0.1.1:26379 SENTINEL MASTER num-slaves=0"));
  for (auto& sentinel : s.sentinels) sentinel.master["num-slaves"] = "2";
  EXPECT_FALSE(no_failover_candidate(s)) << "replicas exist but were not read: no verdict";
}

}  // namespace
}  // namespace rrt
