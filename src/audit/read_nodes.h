// Reading one node for the audit. Read-only: INFO, ROLE, CONFIG GET, ACL GETUSER, CLUSTER
// INFO/NODES/SLOTS, SENTINEL MASTER/REPLICAS/SENTINELS/CKQUORUM/CONFIG GET, PING; every request
// with `options.timeout`. What a node refuses or does not answer goes to `unread`.
#pragma once

#include <string>
#include <vector>

#include "audit/snapshot.h"
#include "resp/connection.h"

namespace rrt {

// The settings the rules read with CONFIG GET. Never a secret (requirepass, masterauth).
const std::vector<std::string>& audited_settings();

// Reads a redis-server; a node that cannot be reached comes back with reachable false and its
// error (and nothing in `unread`: the rules report it).
DataNode read_data_node(const Endpoint& endpoint, const ConnectOptions& options,
                        std::vector<Unread>* unread);

// Reads a sentinel's view of the master named `master_name`.
SentinelNode read_sentinel(const Endpoint& endpoint, const std::string& master_name,
                           const ConnectOptions& options, std::vector<Unread>* unread);

// Reads master_repl_offset of a master again; sets node->offset_sample from the first reading
// (taken by read_data_node at `first_read_at`) and this one. Leaves it unset if unreadable.
void sample_write_rate(DataNode* node, Nanos first_read_at, const ConnectOptions& options,
                       std::vector<Unread>* unread);

}  // namespace rrt
