// Faults on Sentinel itself: a forced failover, and stopping sentinels below quorum.
#pragma once

#include <memory>

#include <nlohmann/json.hpp>

#include "fault/fault.h"

namespace rrt {

// sentinel-failover: SENTINEL FAILOVER <master> on the first running sentinel (or `sentinel`:
// a node name). A forced failover needs no agreement (no ODOWN, no election). Nothing to undo.
std::unique_ptr<Fault> make_sentinel_failover_fault(const nlohmann::json& args);

// stop-sentinels: stops `count` running sentinels (default: just enough that the rest can no
// longer reach the quorum or a majority), last names first, then waits (at most
// down-after-milliseconds + 2 s) until a remaining sentinel's SENTINEL CKQUORUM says NOQUORUM.
// stop() starts them again and waits (as long) for CKQUORUM OK.
std::unique_ptr<Fault> make_stop_sentinels_fault(const nlohmann::json& args);

}  // namespace rrt
