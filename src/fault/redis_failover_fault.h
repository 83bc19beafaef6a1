// failover: Redis's own coordinated switchover, FAILOVER [TO host port] [TIMEOUT ms] [FORCE]
// (Redis 6.2+), sent to the current master.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>

#include "fault/fault.h"

namespace rrt {

// Options: `to` (a node name, or "replica"; absent: Redis picks a replica itself), `timeout`
// (a duration: how long the master waits for the replica to catch up; absent: forever),
// `force` (with `to` and `timeout`: switch even if the replica has not caught up when the
// timeout ends), `deadline` (10s: how long rrt waits for the effect).
// start() sends FAILOVER to the master, then waits until the old master reports role slave and
// the chosen replica role master; an abort (the old master back to master with
// master_failover_state no-failover) or the deadline passing is an EnvironmentError, so the
// run records a fault-error, never an applied switchover. Nothing to undo.
std::unique_ptr<Fault> make_redis_failover_fault(const nlohmann::json& args);

}  // namespace rrt
