#include "load/histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace rrt {

int LatencyHistogram::bucket_of(Nanos value) {
  uint64_t v = static_cast<uint64_t>(std::clamp<Nanos>(value, 0, kMaxValue));
  // shift = how many low bits are dropped: 0 below 128, then one more per power of two.
  int shift = std::max(0, static_cast<int>(std::bit_width(v)) - kSubBits);
  return shift * kHalf + static_cast<int>(v >> shift);
}

Nanos LatencyHistogram::bucket_low(int bucket) {
  if (bucket < 2 * kHalf) return bucket;
  int shift = bucket / kHalf - 1;
  int sub = bucket - shift * kHalf;  // in [kHalf, 2 * kHalf)
  return static_cast<Nanos>(sub) << shift;
}

Nanos LatencyHistogram::bucket_width(int bucket) {
  return bucket < 2 * kHalf ? 1 : Nanos{1} << (bucket / kHalf - 1);
}

void LatencyHistogram::record(Nanos value) {
  value = std::clamp<Nanos>(value, 0, kMaxValue);
  ++counts_[bucket_of(value)];
  if (count_ == 0 || value < min_) min_ = value;
  max_ = std::max(max_, value);
  sum_ += value;
  ++count_;
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
  if (other.count_ == 0) return;
  for (int i = 0; i < kBuckets; ++i) counts_[i] += other.counts_[i];
  min_ = count_ ? std::min(min_, other.min_) : other.min_;
  max_ = std::max(max_, other.max_);
  sum_ += other.sum_;
  count_ += other.count_;
}

Nanos LatencyHistogram::percentile(double percent) const {
  if (count_ == 0) return 0;
  if (percent >= 100) return max_;
  // Rank of the wanted value, 1-based: the smallest value with at least that many at or below.
  auto rank = static_cast<uint64_t>(std::ceil(percent / 100 * static_cast<double>(count_)));
  rank = std::clamp<uint64_t>(rank, 1, count_);
  uint64_t seen = 0;
  for (int i = 0; i < kBuckets; ++i) {
    seen += counts_[i];
    if (seen >= rank) {
      Nanos mid = bucket_low(i) + bucket_width(i) / 2;
      return std::clamp(mid, min_, max_);
    }
  }
  return max_;
}

}  // namespace rrt
