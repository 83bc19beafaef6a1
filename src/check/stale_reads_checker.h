// The stale-read checker: a read of key k is stale when it returns a value older than a write
// to k that completed (ok) before the read was invoked. Writes (f "write", "put" or "set")
// carry distinct, increasing values per key (integers, or strings compared as text), so "older"
// is "smaller"; a nil read is older than every write.
#pragma once

#include "check/check_result.h"

namespace rrt {

// Metrics: reads (ok reads), stale_reads, stale_rate, max_stale_versions (how many completed
// writes the staleest read missed), max_stale_ms (how long before the read began its value had
// been overwritten), unwritten_reads (values no write ever attempted). Invalid if any read is
// stale or unwritten.
CheckResult check_stale_reads(const History& history);

}  // namespace rrt
