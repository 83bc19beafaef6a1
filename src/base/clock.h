// Time as rrt measures it. Every history record and every event carries a timestamp from
// mono_ns(), so operations and faults can be put on one axis; wall_ns() is only for display.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <thread>

namespace rrt {

using Nanos = int64_t;

constexpr Nanos kMillis = 1'000'000;
constexpr Nanos kSeconds = 1'000'000'000;

// CLOCK_MONOTONIC in nanoseconds: never jumps, shared by every thread and by child processes.
inline Nanos mono_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Wall-clock time in nanoseconds since the Unix epoch.
inline Nanos wall_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Where rrt reads time and sleeps, so the runner, nemesis and waits can run on a fake clock.
// No global clock object: whoever needs time takes a `Clock&` (the CLI owns one SystemClock
// and passes it down).
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Nanos now() const = 0;        // monotonic, the history's axis (mono_ns for real)
  virtual void sleep_for(Nanos d) = 0;  // returns early never; a fake advances now() instead
};

// The real clock: now() is mono_ns(), sleep_for sleeps the calling thread (d <= 0: no sleep).
class SystemClock final : public Clock {
 public:
  Nanos now() const override { return mono_ns(); }
  void sleep_for(Nanos d) override {
    if (d > 0) std::this_thread::sleep_for(std::chrono::nanoseconds(d));
  }
};

// "2026-11-22T10:15:03.123Z" for a wall-clock time.
std::string format_wall_time(Nanos wall);

// "20261122-101503" (local-free, UTC) for run directory names.
std::string format_run_stamp(Nanos wall);

}  // namespace rrt
