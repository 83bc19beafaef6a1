// The set checker: clients add elements (f "add", value = element) and finally read the whole
// set (f "read", ok value = list of members). Compares the last ok read with what was added.
#pragma once

#include "check/check_result.h"

namespace rrt {

// Metrics (summed over keys): attempted (add invocations), acknowledged (ok adds), survivors
// (attempted elements present in the final read), lost (ok adds completed before the final read
// began but missing from it), unexpected (read elements never attempted), failed_but_present
// (elements whose adds all failed yet were read), recovered (info adds that were read),
// unsettled (ok adds that completed after the final read began and are missing: not counted as
// lost), unacknowledged_found (recovered + failed_but_present: elements read whose adds were
// never acknowledged), ack_rate (acknowledged / attempted), loss_rate (lost / acknowledged),
// lost_by_node ({"host:port": n}: the node each lost add's acknowledgement came from).
// The summary lists them all, as the classic split-brain analyses report them. Invalid if lost,
// unexpected or failed_but_present; unknown if a key has adds but no ok read.
CheckResult check_set(const History& history);

}  // namespace rrt
