// Scaling the replica set while the sentinels watch: add and remove replicas.
#pragma once

#include <memory>

#include <nlohmann/json.hpp>

#include "fault/fault.h"

namespace rrt {

// add-replica: adds `count` (default 1) replicas of the current master, each waited for until
// its replication link is up, then (unless wait_sentinels: false) until every running sentinel
// lists them, at most 12 s: sentinels learn of a new replica from the master's INFO, which they
// ask for every 10 s. stop() removes them again and waits (at most 5 s) until the sentinels list
// just the remaining replicas. The event details say how long each took.
std::unique_ptr<Fault> make_add_replica_fault(const nlohmann::json& args);

// remove-replica: stops `count` (default 1) replicas (target: replica, any-replica or a node
// name) for good and sends SENTINEL RESET so the sentinels forget them (waiting as above).
// Nothing to undo.
std::unique_ptr<Fault> make_remove_replica_fault(const nlohmann::json& args);

}  // namespace rrt
