// Reading a whole deployment into a Snapshot, read-only (audit/read_nodes.h):
//   redis://     the node; its master if it is a replica; the master's replicas (INFO slaveN);
//   sentinel://  every sentinel in the URL and every sentinel they know; the master and the
//                replicas the sentinels name, and the master's own replicas;
//   cluster://   the first seed node that answers, then every node in its CLUSTER NODES.
// Then, after `sample` has passed since a master was first read, its replication offset again
// (the write rate). Bounded: at most kMaxNodes nodes and kMaxNodes sentinels, each request with
// the connection's deadline.
#pragma once

#include "audit/snapshot.h"
#include "resp/connection.h"
#include "topo/target_url.h"

namespace rrt {

struct AuditOptions {
  ConnectOptions connect;   // credentials and the deadline of every request
  Nanos sample = kSeconds;  // between the two readings of master_repl_offset; 0: no sample
};

constexpr int kMaxNodes = 200;

// Throws EnvironmentError when the deployment cannot be reached at all (no node or sentinel of
// the URL answered, or no sentinel knows a master to read), UsageError when it is not what the
// URL says (a cluster:// node without cluster mode, a master name no sentinel knows).
Snapshot read_deployment(const TargetUrl& target, const AuditOptions& options);

}  // namespace rrt
