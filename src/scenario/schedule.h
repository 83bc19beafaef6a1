// A fault schedule expanded into timed actions: each FaultStep (at / for / every / repeat)
// becomes a start, and a stop, per repetition. Pure; the nemesis executes the result.
#pragma once

#include <cstddef>
#include <vector>

#include "scenario/scenario.h"

namespace rrt {

struct FaultAction {
  Nanos at = 0;     // offset from the run's start
  size_t step = 0;  // index into the steps
  bool start = true;
  bool operator==(const FaultAction&) const = default;
};

// Repetition k of step s starts at s.at + k * s.every. It stops s.duration later; without a
// duration it stops just before its next repetition starts, and the last one stays until the
// run's end (the nemesis heals it then). Sorted by time; at equal times stops come before
// starts, so a fault ends before the next one begins.
std::vector<FaultAction> expand_schedule(const std::vector<FaultStep>& steps);

}  // namespace rrt
