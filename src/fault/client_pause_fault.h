// client-pause: CLIENT PAUSE on a node (the master by default). mode write (the default): CLIENT
// UNPAUSE when it stops; mode all: the pause lasts `max` (Redis holds CLIENT UNPAUSE too).
// A remote fault: it needs only a Redis connection, so it also runs on external targets (with
// --allow-faults). The pause is sent with a bounded length (`max`), so a node is never left
// paused for long even if rrt dies before it could send CLIENT UNPAUSE.
#pragma once

#include <memory>

#include "fault/fault.h"

namespace rrt {

std::unique_ptr<Fault> make_client_pause_fault(const nlohmann::json& args);

}  // namespace rrt
