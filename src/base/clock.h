// Time as rrt measures it. Every history record and every event carries a timestamp from
// mono_ns(), so operations and faults can be put on one axis; wall_ns() is only for display.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

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

// "2026-11-22T10:15:03.123Z" for a wall-clock time.
std::string format_wall_time(Nanos wall);

// "20261122-101503" (local-free, UTC) for run directory names.
std::string format_run_stamp(Nanos wall);

}  // namespace rrt
