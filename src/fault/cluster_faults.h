// Faults that only a Redis Cluster has.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>

#include "fault/fault.h"

namespace rrt {

// cluster-failover: CLUSTER FAILOVER [FORCE|TAKEOVER] on a replica (target: "replica", the
// first running replica by name, or a node name; mode: "default" (or absent: the
// coordinated switch) | "force" | "takeover"). The replica
// takes over its master's slots; nothing to undo. The start event names the replica ("node")
// and the master it replaces ("master").
std::unique_ptr<Fault> make_cluster_failover_fault(const nlohmann::json& args);

}  // namespace rrt
