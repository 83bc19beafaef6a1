// The counter checker: clients increment (f "incr" or "add", value = amount, nil meaning 1;
// f "decr" subtracts) and read (f "read", ok value = integer).
//
// Each ok read must lie within bounds: at least the initial value plus every ok increment that
// completed before the read began; at most that plus every increment (ok or info) invoked before
// the read ended. (Negative amounts swap roles: they can only lower the lower bound.)
#pragma once

#include <cstdint>

#include "check/check_result.h"

namespace rrt {

// Metrics: reads, bad_reads, acknowledged (sum of ok amounts), attempted (ok + info amounts),
// final_read / final_lower / final_upper (for the last ok read), lost (how far the final read
// is below its lower bound: acknowledged increments that vanished), excess (above the upper).
// Invalid if any read is out of bounds; unknown if nothing was read.
CheckResult check_counter(const History& history, int64_t initial);

}  // namespace rrt
