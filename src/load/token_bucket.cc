#include "load/token_bucket.h"

#include <algorithm>
#include <cmath>

namespace rrt {

TokenBucket::TokenBucket(double rate, double burst)
    : interval_(1e9 / rate),
      burst_ns_(std::llround(std::max(1.0, burst) * 1e9 / rate)),
      empty_at_(0) {}

Nanos TokenBucket::acquire(int n, Nanos now) {
  Nanos cost = std::llround(n * interval_);
  Nanos old = empty_at_.load(std::memory_order_relaxed);
  for (;;) {
    // A bucket left alone fills up to `burst` tokens, i.e. empty_at may lag now by burst_ns_.
    Nanos base = std::max(old, now - burst_ns_);
    if (empty_at_.compare_exchange_weak(old, base + cost, std::memory_order_relaxed)) {
      // Tokens available at time t number (t - base) / interval: n of them at base + cost.
      return base + cost;
    }
  }
}

}  // namespace rrt
