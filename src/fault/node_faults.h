// Faults on one node's process: kill -9, graceful shutdown, SIGSTOP/SIGCONT, restart.
#pragma once

#include <memory>

#include <nlohmann/json.hpp>

#include "fault/fault.h"

namespace rrt {

// kill: SIGKILL the target; stop() restarts it (unless restart: false). It comes back with its
// own config and lets the sentinels decide its role.
std::unique_ptr<Fault> make_kill_fault(const nlohmann::json& args);
// shutdown: SIGTERM, Redis's graceful shutdown (it waits for lagging replicas, up to
// shutdown-timeout); stop() restarts it (unless restart: false).
std::unique_ptr<Fault> make_shutdown_fault(const nlohmann::json& args);
// pause: SIGSTOP the target; stop() sends SIGCONT. The process keeps its sockets: peers see
// timeouts, not refused connections.
std::unique_ptr<Fault> make_pause_fault(const nlohmann::json& args);
// restart: starts a node that is not running (target: a node name, or "stopped" for the first
// stopped data node). Nothing to undo.
std::unique_ptr<Fault> make_restart_fault(const nlohmann::json& args);

}  // namespace rrt
