// A token bucket shared by every client of a load run, to cap the total rate (ops/s).
//
// Implemented as GCRA (the "virtual scheduling" form of a token bucket): one atomic holds the
// theoretical time at which the bucket is empty again. acquire() reserves tokens and says when
// the caller may use them; callers then sleep until that time. Reservations are first come,
// first served, so clients sharing the bucket get turns in order: no client can starve others.
//
// Math: tokens flow in at `rate` per second; at most `burst` tokens accumulate while nobody
// asks. Over any interval of length d, at most burst + rate * d tokens are handed out.
// Thread-safe; lock-free.
#pragma once

#include <atomic>
#include <cstdint>

#include "base/clock.h"

namespace rrt {

class TokenBucket {
 public:
  // `rate` > 0 tokens per second; `burst` >= 1 tokens.
  TokenBucket(double rate, double burst);

  // Reserves `n` tokens and returns the time (mono ns) at which they are all available: `now` or
  // earlier means at once. The reservation is final: the caller must not ask again for them.
  Nanos acquire(int n, Nanos now);

  double rate() const { return 1e9 / interval_; }

 private:
  double interval_;  // ns per token
  Nanos burst_ns_;   // how far the bucket may lag behind `now` (burst tokens' worth of time)
  std::atomic<Nanos> empty_at_;  // theoretical time at which all reserved tokens have flowed in
};

}  // namespace rrt
