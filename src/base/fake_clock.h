// A clock for tests and fakes: time moves only when someone sleeps on it or calls advance().
#pragma once

#include <mutex>

#include "base/clock.h"

namespace rrt {

// A clock that only moves when someone sleeps on it or calls advance(); thread-safe.
// sleep_for(d) returns at once after moving now() forward by d (d <= 0: no move), so a wait
// of ten fake minutes takes microseconds. Starts at `start` (default 1 s, so now() > 0).
class FakeClock final : public Clock {
 public:
  explicit FakeClock(Nanos start = kSeconds) : now_(start) {}

  Nanos now() const override {
    std::lock_guard lock(mu_);
    return now_;
  }
  void sleep_for(Nanos d) override { advance(d); }
  void advance(Nanos d) {
    if (d <= 0) return;
    std::lock_guard lock(mu_);
    now_ += d;
  }

 private:
  mutable std::mutex mu_;
  Nanos now_;
};

}  // namespace rrt
