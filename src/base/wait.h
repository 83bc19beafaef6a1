// Waiting for a condition with a deadline: the one poll loop of rrt.
#pragma once

#include <functional>

#include "base/clock.h"

namespace rrt {

// Calls `done` every `period` until it returns true (-> true) or `timeout` has passed since the
// call (-> false, after one last try). Never throws itself; `done` may.
// The last sleep is cut to end at the deadline, so on a FakeClock a false return has advanced
// now() by exactly `timeout`. A timeout <= 0 makes exactly one try.
bool wait_until(Clock& clock, Nanos timeout, Nanos period, const std::function<bool()>& done);

}  // namespace rrt
