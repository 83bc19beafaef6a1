// The proxies' link rules: which bytes wait, how long, and the shared bandwidth bucket.
#include <gtest/gtest.h>

#include "net/link_rules.h"

namespace rrt {
namespace {

TEST(NetLinkRules, CutsAreDirected) {
  LinkRules rules;
  rules.cut("a", "b");
  EXPECT_TRUE(rules.effect("a", "b").held);
  EXPECT_FALSE(rules.effect("b", "a").held);
  rules.clear();
  EXPECT_TRUE(rules.effect("a", "b").none());
}

TEST(NetLinkRules, EgressFaultsApplyToEverythingANodeSends) {
  LinkRules rules;
  rules.set_latency("a", 50 * kMillis, 5 * kMillis);
  rules.set_loss("a", 0.25);
  LinkEffect e = rules.effect("a", "anyone");
  EXPECT_EQ(e.latency, 50 * kMillis);
  EXPECT_EQ(e.jitter, 5 * kMillis);
  EXPECT_DOUBLE_EQ(e.loss, 0.25);
  EXPECT_TRUE(rules.effect("anyone", "a").none());
}

TEST(NetLinkRules, BandwidthIsOneBucketPerSender) {
  LinkRules rules;
  EXPECT_EQ(rules.transmit_done("a", 1000, 5), 5);  // no cap: at once
  rules.set_bandwidth("a", 8000);                   // 1 MB/s: 1000 bytes take 1 ms
  Nanos now = 1'000'000'000;
  EXPECT_EQ(rules.transmit_done("a", 1000, now), now + kMillis);
  // A second connection of the same sender queues behind the first.
  EXPECT_EQ(rules.transmit_done("a", 1000, now), now + 2 * kMillis);
  // After an idle spell the bucket starts from now again.
  EXPECT_EQ(rules.transmit_done("a", 1000, now + kSeconds), now + kSeconds + kMillis);
}

}  // namespace
}  // namespace rrt
