// A latency histogram in the spirit of HdrHistogram: log-linear buckets, so every recorded value
// is kept to a relative precision of 1/128 (better than 2 significant digits, close to 3) from
// 1 ns up to ~18 minutes, in a fixed 18 KB array.
//
// Layout: values below 128 have one bucket each; above, each power of two [2^k, 2^(k+1)) is cut
// into 64 equal sub-buckets. Recording is a shift and an increment; histograms of different
// threads are merged by adding counts. Not thread-safe: one histogram per thread, merge at the end.
#pragma once

#include <array>
#include <cstdint>

#include "base/clock.h"

namespace rrt {

class LatencyHistogram {
 public:
  // Values above kMaxValue are recorded as kMaxValue (and max() says so).
  static constexpr Nanos kMaxValue = (Nanos{1} << 40) - 1;

  void record(Nanos value);
  void merge(const LatencyHistogram& other);

  uint64_t count() const { return count_; }
  Nanos min() const { return count_ ? min_ : 0; }
  Nanos max() const { return max_; }
  double mean() const { return count_ ? static_cast<double>(sum_) / count_ : 0; }

  // The value below which `percent` (0..100) of the recorded values fall, to within the
  // histogram's precision: the midpoint of the bucket holding that rank, clamped to [min, max].
  // 0 for an empty histogram; percentile(100) is max().
  Nanos percentile(double percent) const;

  // Bucket arithmetic, public for tests.
  static int bucket_of(Nanos value);
  static Nanos bucket_low(int bucket);
  static Nanos bucket_width(int bucket);

 private:
  static constexpr int kSubBits = 7;  // 128 sub-buckets in the first range, 64 in later ones
  static constexpr int kHalf = 1 << (kSubBits - 1);
  static constexpr int kBuckets = (40 - kSubBits + 2) * kHalf;

  std::array<uint64_t, kBuckets> counts_{};
  uint64_t count_ = 0;
  Nanos min_ = 0;
  Nanos max_ = 0;
  Nanos sum_ = 0;
};

}  // namespace rrt
