// Audit rules about Sentinel and placement, on hand-built snapshots.
#include "audit_fixtures.h"

namespace rrt {
namespace {

using audit_test::evidence_of;
using audit_test::hardened_sentinel;
using audit_test::master_of;
using ::testing::Contains;
using ::testing::HasSubstr;

// Keeps the first `n` sentinels, each knowing the others, with num-other-sentinels to match.
void keep_sentinels(Snapshot& s, size_t n) {
  s.sentinels.resize(n);
  for (auto& me : s.sentinels) {
    std::erase_if(me.sentinels, [&](const Fields& f) {
      return std::none_of(s.sentinels.begin(), s.sentinels.end(),
                          [&](const SentinelNode& o) { return o.run_id == f.at("runid"); });
    });
    me.master["num-other-sentinels"] = std::to_string(n - 1);
  }
}

TEST(AuditSentinel, FewerThanThreeSentinels) {
  Snapshot s = hardened_sentinel();
  EXPECT_FALSE(sentinel_count(s));
  keep_sentinels(s, 2);
  auto f = sentinel_count(s);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::kHigh);
  EXPECT_THAT(evidence_of(*f), Contains(" sentinels found=2"));
  EXPECT_THAT(evidence_of(*f), Contains("10.0.1.1:26379 num-other-sentinels=1"));
  EXPECT_EQ(f->scenario, "sentinel-quorum-loss");
}

TEST(AuditSentinel, QuorumBelowMajority) {
  Snapshot s = hardened_sentinel();
  EXPECT_FALSE(sentinel_quorum_minority(s));
  s.sentinels[0].master["quorum"] = "1";
  auto f = sentinel_quorum_minority(s);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::kMedium);
  EXPECT_THAT(evidence_of(*f),
              ::testing::ElementsAre("10.0.1.1:26379 quorum=1 of 3 sentinels (majority 2)"));
  EXPECT_THAT(f->fix, HasSubstr("sentinel monitor mymaster <ip> <port> 2"));
}

TEST(AuditSentinel, QuorumOfEverySentinelOrMore) {
  Snapshot s = hardened_sentinel();
  EXPECT_FALSE(sentinel_quorum_too_high(s));
  for (auto& n : s.sentinels) n.master["quorum"] = "3";
  auto f = sentinel_quorum_too_high(s);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::kMedium);
  s.sentinels[1].master["quorum"] = "4";
  f = sentinel_quorum_too_high(s);
  EXPECT_EQ(f->severity, Severity::kHigh);
  EXPECT_THAT(evidence_of(*f), Contains("10.0.1.2:26379 quorum=4 of 3 sentinels (majority 2)"));
  EXPECT_THAT(f->what_happens, HasSubstr("never"));
}

TEST(AuditSentinel, SentinelsThatDoNotKnowEachOther) {
  Snapshot s = hardened_sentinel();
  EXPECT_FALSE(sentinels_unaware(s));
  s.sentinels[0].sentinels.clear();  // as after SENTINEL RESET with the others silent
  auto f = sentinels_unaware(s);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::kHigh);
  EXPECT_THAT(evidence_of(*f),
              ::testing::ElementsAre(
                  "10.0.1.1:26379 SENTINEL SENTINELS=knows 0 other(s); not 10.0.1.2:26379, "
                  "10.0.1.3:26379"));
}

TEST(AuditSentinel, AnUnreachableSentinelIsMatchedByAddress) {
  Snapshot s = hardened_sentinel();
  s.sentinels[2].reachable = false;
  s.sentinels[2].run_id.clear();
  EXPECT_FALSE(sentinels_unaware(s)) << "the others list 10.0.1.3 by address";
  s.sentinels[0].sentinels.pop_back();
  auto f = sentinels_unaware(s);
  ASSERT_TRUE(f);
  EXPECT_THAT(evidence_of(*f)[0], HasSubstr("not 10.0.1.3:26379"));
}

TEST(AuditSentinel, CkquorumRefused) {
  Snapshot s = hardened_sentinel();
  EXPECT_FALSE(sentinel_ckquorum(s));
  s.sentinels[1].ckquorum_ok = false;
  s.sentinels[1].ckquorum = "NOQUORUM 1 usable Sentinels. Not enough available Sentinels";
  auto f = sentinel_ckquorum(s);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::kHigh);
  EXPECT_THAT(evidence_of(*f)[0], HasSubstr("10.0.1.2:26379 SENTINEL CKQUORUM=NOQUORUM"));
}

TEST(AuditSentinel, SentinelsNamingDifferentMasters) {
  Snapshot s = hardened_sentinel();
  EXPECT_FALSE(sentinels_disagree(s));
  s.sentinels[2].master["ip"] = "10.0.0.2";
  auto f = sentinels_disagree(s);
  ASSERT_TRUE(f);
  EXPECT_THAT(evidence_of(*f), Contains("10.0.1.3:26379 SENTINEL MASTER ip:port=10.0.0.2:6379"));
  s.sentinels[2].master.clear();
  f = sentinels_disagree(s);
  ASSERT_TRUE(f);
  EXPECT_THAT(evidence_of(*f),
              Contains("10.0.1.3:26379 SENTINEL MASTER ip:port=does not monitor mymaster"));
}

TEST(AuditSentinel, DownAfterAgainstTheMeasuredOutage) {
  Snapshot s = hardened_sentinel();
  auto f = sentinel_down_after(s);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::kInfo);
  EXPECT_THAT(f->title, HasSubstr("6.0 s to 8.0 s"));
  EXPECT_EQ(f->scenario, "sentinel-kill-master");
  s.sentinels[0].master["down-after-milliseconds"] = "30000";
  f = sentinel_down_after(s);
  EXPECT_EQ(f->severity, Severity::kMedium);
  EXPECT_THAT(f->title, HasSubstr("31 s to 33 s"));
  EXPECT_THAT(evidence_of(*f), Contains("10.0.1.1:26379 down-after-milliseconds=30000"));
  s.sentinels[0].master["down-after-milliseconds"] = "10000";
  EXPECT_EQ(sentinel_down_after(s)->severity, Severity::kLow);
}

TEST(AuditSentinel, FailoverTimeoutRetriesLate) {
  Snapshot s = hardened_sentinel();
  EXPECT_FALSE(sentinel_failover_timeout(s));
  s.sentinels[0].master["failover-timeout"] = "180000";
  auto f = sentinel_failover_timeout(s);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::kLow);
  EXPECT_THAT(f->what_happens, HasSubstr("6 min"));
}

TEST(AuditPlacement, MajorityOfSentinelsOnTheMastersHost) {
  Snapshot s = hardened_sentinel();
  EXPECT_FALSE(sentinels_one_host(s));
  EXPECT_FALSE(sentinel_beside_master(s));
  s.sentinels[0].endpoint.host = "10.0.0.1";
  auto beside = sentinel_beside_master(s);
  ASSERT_TRUE(beside);
  EXPECT_EQ(beside->severity, Severity::kLow);
  EXPECT_FALSE(sentinels_one_host(s)) << "one of three is no majority";
  s.sentinels[1].endpoint.host = "10.0.0.1";
  auto f = sentinels_one_host(s);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::kHigh);
  EXPECT_THAT(evidence_of(*f), Contains("10.0.0.1:6379 host=10.0.0.1"));
  s.sentinels[0].endpoint.host = s.sentinels[1].endpoint.host = "10.0.9.9";
  f = sentinels_one_host(s);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::kMedium);
}

TEST(AuditPlacement, EverythingOnLoopbackIsOneHost) {
  Snapshot s = hardened_sentinel();
  EXPECT_FALSE(single_host(s));
  for (auto& n : s.nodes) n.endpoint.host = "127.0.0.1";
  for (auto& n : s.sentinels) n.endpoint.host = "127.0.0.2";  // 127/8 is one machine
  auto f = single_host(s);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::kMedium);
  EXPECT_THAT(evidence_of(*f),
              Contains(" host of every node=loopback (3 data nodes, 3 sentinels)"));
  EXPECT_FALSE(sentinels_one_host(s)) << "no data node elsewhere: single-host says it";
  EXPECT_FALSE(sentinel_beside_master(s));
}

}  // namespace
}  // namespace rrt
