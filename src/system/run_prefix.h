// The key prefix of one run against an external target: "rrt:<ms-hex>-<pid-hex>:". Every key
// rrt writes there starts with it, so rrt never touches the user's keys and can remove its own
// afterwards (key_cleanup.h).
#pragma once

#include <string>

namespace rrt {

// From the wall-clock milliseconds and the process id; unique per run on one machine.
std::string make_run_prefix(long long wall_ms, int pid);

// True if `prefix` has that form (and so is safe to use in SCAN MATCH: no glob characters).
bool is_run_prefix(const std::string& prefix);

}  // namespace rrt
