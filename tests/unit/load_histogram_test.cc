#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "load/histogram.h"

namespace rrt {
namespace {

// The histogram's promise: any value comes back within 1/128 of itself.
constexpr double kPrecision = 1.0 / 128;

TEST(LatencyHistogram, EmptyHasNoPercentiles) {
  LatencyHistogram h;
  EXPECT_EQ(h.count(), 0u);
  EXPECT_EQ(h.percentile(50), 0);
  EXPECT_EQ(h.max(), 0);
}

TEST(LatencyHistogram, SmallValuesAreExact) {
  LatencyHistogram h;
  for (Nanos v = 1; v <= 100; ++v) h.record(v);
  EXPECT_EQ(h.percentile(50), 50);
  EXPECT_EQ(h.percentile(99), 99);
  EXPECT_EQ(h.percentile(100), 100);
  EXPECT_EQ(h.min(), 1);
}

TEST(LatencyHistogram, BucketsTileTheRangeWithBoundedWidth) {
  for (Nanos v : {Nanos{0}, Nanos{127}, Nanos{128}, Nanos{255}, Nanos{256}, Nanos{1'000'003},
                  Nanos{987'654'321}, LatencyHistogram::kMaxValue}) {
    int b = LatencyHistogram::bucket_of(v);
    Nanos low = LatencyHistogram::bucket_low(b);
    Nanos width = LatencyHistogram::bucket_width(b);
    EXPECT_LE(low, v) << v;
    EXPECT_LT(v, low + width) << v;
    EXPECT_LE(static_cast<double>(width) / 2, std::max<double>(1, v * kPrecision)) << v;
    if (low + width <= LatencyHistogram::kMaxValue) {  // values above the top are clamped
      EXPECT_EQ(LatencyHistogram::bucket_of(low + width), b + 1) << v;
    }
  }
}

TEST(LatencyHistogram, PercentilesOfAKnownDistributionWithinPrecision) {
  // Exponential latencies around 1 ms, as a server's tail looks; exact percentiles from the sort.
  std::mt19937_64 rng(42);
  std::exponential_distribution<double> exp(1.0 / 1e6);
  std::vector<Nanos> values;
  LatencyHistogram h;
  for (int i = 0; i < 200'000; ++i) {
    Nanos v = 1000 + static_cast<Nanos>(exp(rng));
    values.push_back(v);
    h.record(v);
  }
  std::sort(values.begin(), values.end());
  for (double p : {50.0, 90.0, 99.0, 99.9}) {
    Nanos exact = values[static_cast<size_t>(std::ceil(p / 100 * values.size())) - 1];
    EXPECT_NEAR(h.percentile(p), exact, exact * kPrecision) << "p" << p;
  }
  EXPECT_EQ(h.max(), values.back());
  EXPECT_EQ(h.count(), values.size());
}

TEST(LatencyHistogram, MergeEqualsRecordingEverythingInOne) {
  LatencyHistogram a, b, all;
  for (Nanos v = 1; v < 100'000; v += 7) {
    (v % 2 ? a : b).record(v * 13);
    all.record(v * 13);
  }
  a.merge(b);
  EXPECT_EQ(a.count(), all.count());
  EXPECT_EQ(a.min(), all.min());
  EXPECT_EQ(a.max(), all.max());
  for (double p : {1.0, 50.0, 99.0, 99.9}) EXPECT_EQ(a.percentile(p), all.percentile(p));
}

TEST(LatencyHistogram, HugeValuesAreClamped) {
  LatencyHistogram h;
  h.record(Nanos{1} << 50);
  EXPECT_EQ(h.max(), LatencyHistogram::kMaxValue);
}

}  // namespace
}  // namespace rrt
