// Audit rules about Redis Cluster, access (passwords, protected mode, TLS) and the reading
// itself, on hand-built snapshots.
#include "audit_fixtures.h"

namespace rrt {
namespace {

using audit_test::evidence_of;
using audit_test::hardened_cluster;
using audit_test::hardened_sentinel;
using audit_test::master_of;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(AuditCluster, CoverageSettings) {
  Snapshot s = hardened_cluster();
  EXPECT_FALSE(cluster_require_full_coverage(s));
  EXPECT_FALSE(cluster_allow_reads_when_down(s));
  s.nodes[0].config["cluster-require-full-coverage"] = "yes";
  s.nodes[1].config["cluster-allow-reads-when-down"] = "yes";
  auto full = cluster_require_full_coverage(s);
  ASSERT_TRUE(full);
  EXPECT_EQ(full->severity, Severity::kMedium);
  EXPECT_THAT(evidence_of(*full), ElementsAre("10.0.2.1:6379 cluster-require-full-coverage=yes"));
  auto reads = cluster_allow_reads_when_down(s);
  ASSERT_TRUE(reads);
  EXPECT_EQ(reads->severity, Severity::kLow);
  EXPECT_THAT(evidence_of(*reads), ElementsAre("10.0.2.2:6379 cluster-allow-reads-when-down=yes"));
  Snapshot sentinel = hardened_sentinel();
  sentinel.nodes[0].config["cluster-require-full-coverage"] = "yes";
  EXPECT_FALSE(cluster_require_full_coverage(sentinel)) << "not a cluster node";
}

TEST(AuditCluster, UncoveredSlotsPerNode) {
  Snapshot s = hardened_cluster();
  EXPECT_FALSE(cluster_slots_uncovered(s));
  DataNode& n = s.nodes[2];
  n.served_slots = {{0, 5460}, {5461, 10922}, {10923, 16382}};
  n.cluster_info["cluster_state"] = "fail";
  n.cluster_info["cluster_slots_assigned"] = "16383";
  auto f = cluster_slots_uncovered(s);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::kHigh);
  EXPECT_THAT(evidence_of(*f), ElementsAre("10.0.2.3:6379 CLUSTER SLOTS: no master for=16383",
                                           "10.0.2.3:6379 cluster_state=fail",
                                           "10.0.2.3:6379 cluster_slots_assigned=16383"));
  n.served_slots = {{100, 200}};
  EXPECT_THAT(evidence_of(*cluster_slots_uncovered(s))[0], HasSubstr("0-99 201-16383"));
}

TEST(AuditCluster, MasterWithoutAWorkingReplica) {
  Snapshot s = hardened_cluster();
  EXPECT_FALSE(cluster_master_without_replica(s));
  auto& views = s.nodes.front().cluster_nodes;
  views[3].flags = "slave,fail";  // m1's only replica failed
  auto f = cluster_master_without_replica(s);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::kHigh);
  EXPECT_THAT(evidence_of(*f), ElementsAre("10.0.2.1:6379 replicas (CLUSTER NODES of "
                                           "10.0.2.1:6379)=none working; slots 0-5460"));
}

TEST(AuditCluster, ReplicasOnTheirMastersHost) {
  Snapshot s = hardened_cluster();
  EXPECT_FALSE(cluster_replicas_same_host(s));
  auto& views = s.nodes.front().cluster_nodes;
  views[4].endpoint.host = "10.0.2.2";  // m2's replica beside m2
  auto f = cluster_replicas_same_host(s);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::kMedium);
  EXPECT_THAT(evidence_of(*f), ElementsAre("10.0.2.2:6379 host=10.0.2.2 (slots 5461-10922)",
                                           "10.0.2.2:6379 host=10.0.2.2"));
}

TEST(AuditAccess, OpenDataNodesAndSentinels) {
  Snapshot s = hardened_sentinel();
  EXPECT_FALSE(no_auth(s));
  EXPECT_FALSE(sentinel_no_auth(s));
  master_of(s).open_without_auth = true;
  master_of(s).default_user = {{"flags", "on nopass"}, {"commands", "+@all"}};
  s.sentinels[2].open_without_auth = true;
  auto f = no_auth(s);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::kHigh);
  EXPECT_THAT(evidence_of(*f), ElementsAre("10.0.0.1:6379 PING without AUTH=PONG",
                                           "10.0.0.1:6379 ACL default user=on nopass +@all"));
  auto sf = sentinel_no_auth(s);
  ASSERT_TRUE(sf);
  EXPECT_EQ(sf->severity, Severity::kMedium);
  EXPECT_THAT(evidence_of(*sf), ElementsAre("10.0.1.3:26379 PING without AUTH=PONG"));
  master_of(s).open_without_auth.reset();
  EXPECT_FALSE(no_auth(s)) << "unknown is not open";
}

TEST(AuditAccess, ProtectedModeAndTls) {
  Snapshot s = hardened_sentinel();
  EXPECT_FALSE(protected_mode_off(s));
  EXPECT_FALSE(tls_off(s));
  s.nodes[1].config["protected-mode"] = "no";
  for (auto& n : s.nodes) n.config["tls-port"] = "0";
  auto pm = protected_mode_off(s);
  ASSERT_TRUE(pm);
  EXPECT_EQ(pm->severity, Severity::kLow);
  EXPECT_THAT(evidence_of(*pm), ElementsAre("10.0.0.2:6379 protected-mode=no"));
  auto tls = tls_off(s);
  ASSERT_TRUE(tls);
  EXPECT_EQ(tls->evidence.size(), 3u);
  EXPECT_THAT(tls->fix, HasSubstr("tls-port 6380"));
}

TEST(AuditReading, UnreachableNodesAndUnreadRequests) {
  Snapshot s = hardened_sentinel();
  EXPECT_FALSE(node_unreachable(s));
  EXPECT_FALSE(unread_facts(s));
  s.nodes[2].reachable = false;
  s.nodes[2].error = "connect-timeout";
  s.sentinels[1].reachable = false;
  s.sentinels[1].error = "connection refused";
  s.unread.push_back({"10.0.0.1:6379", "CONFIG GET",
                      "NOPERM this user has no permissions to run the 'config|get' command"});
  auto down = node_unreachable(s);
  ASSERT_TRUE(down);
  EXPECT_EQ(down->severity, Severity::kMedium);
  EXPECT_THAT(evidence_of(*down), ElementsAre("10.0.0.3:6379 connect=connect-timeout",
                                              "10.0.1.2:26379 connect=connection refused"));
  auto unread = unread_facts(s);
  ASSERT_TRUE(unread);
  EXPECT_EQ(unread->severity, Severity::kLow);
  EXPECT_EQ(unread->id, "unread");
  EXPECT_THAT(evidence_of(*unread)[0], HasSubstr("CONFIG GET=NOPERM"));
  EXPECT_EQ(unread->evidence[0].role, "master");
}

}  // namespace
}  // namespace rrt
