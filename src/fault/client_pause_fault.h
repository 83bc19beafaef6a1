// client-pause: CLIENT PAUSE on a node (the master by default), CLIENT UNPAUSE when it stops.
// A remote fault: it needs only a Redis connection, so it also runs on external targets (with
// --allow-faults). The pause is sent with a bounded length (`max`), so a node is never left
// paused for long even if rrt dies before it could send CLIENT UNPAUSE.
#pragma once

#include <memory>

#include "fault/fault.h"

namespace rrt {

std::unique_ptr<Fault> make_client_pause_fault(const nlohmann::json& args);

}  // namespace rrt
