#include "load/token_bucket.h"

#include <gtest/gtest.h>

namespace rrt {
namespace {

constexpr Nanos kStart = 1000 * kSeconds;

TEST(TokenBucket, AFullBucketGivesItsBurstAtOnce) {
  TokenBucket bucket(100, 5);
  for (int i = 0; i < 5; ++i) EXPECT_LE(bucket.acquire(1, kStart), kStart) << i;
  // The sixth token flows in one interval (10 ms) later.
  EXPECT_EQ(bucket.acquire(1, kStart), kStart + 10 * kMillis);
}

TEST(TokenBucket, ReservationsAreSpacedByTheRate) {
  TokenBucket bucket(1000, 1);
  EXPECT_LE(bucket.acquire(1, kStart), kStart);
  Nanos previous = kStart;
  for (int i = 0; i < 100; ++i) {
    Nanos at = bucket.acquire(1, kStart);  // everybody asks at once: they queue, 1 ms apart
    EXPECT_EQ(at - previous, kMillis);
    previous = at;
  }
}

TEST(TokenBucket, BatchesCostOneTokenPerOperation) {
  TokenBucket bucket(1000, 16);
  EXPECT_LE(bucket.acquire(16, kStart), kStart);
  EXPECT_EQ(bucket.acquire(16, kStart), kStart + 16 * kMillis);
}

TEST(TokenBucket, IdleTimeRefillsOnlyUpToTheBurst) {
  TokenBucket bucket(10, 3);
  bucket.acquire(3, kStart);
  Nanos later = kStart + 60 * kSeconds;  // a minute idle is still only 3 tokens
  for (int i = 0; i < 3; ++i) EXPECT_LE(bucket.acquire(1, later), later);
  EXPECT_GT(bucket.acquire(1, later), later);
}

TEST(TokenBucket, OverAnIntervalAtMostBurstPlusRateTimesDuration) {
  // Clients that use tokens as soon as they are available, for 2 s at 500/s.
  TokenBucket bucket(500, 4);
  Nanos now = kStart, end = kStart + 2 * kSeconds;
  int granted = 0;
  while (true) {
    Nanos at = bucket.acquire(1, now);
    if (at > now) now = at;
    if (now >= end) break;
    ++granted;
  }
  EXPECT_GE(granted, 1000);
  EXPECT_LE(granted, 1004);
}

}  // namespace
}  // namespace rrt
