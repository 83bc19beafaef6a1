// What an external target runs, found by asking it (every request with connect.timeout):
//   redis://     INFO replication of the given node; if it is a replica, of its master; the
//                master's slaveN lines give the replicas. Kind "replication" ("standalone"
//                without replicas).
//   sentinel://  SENTINEL GET-MASTER-ADDR-BY-NAME, REPLICAS and SENTINELS of the first sentinel
//                that answers. Kind "sentinel". Sentinels get the same credentials as the data
//                nodes (as the Bitnami chart's auth.sentinel does).
// Nodes are named like a lab's: redis-1 (the master at discovery), redis-2..., sentinel-1...
#pragma once

#include "resp/connection.h"
#include "topo/target_url.h"
#include "topo/topology.h"

namespace rrt {

// Throws EnvironmentError naming each address that did not answer and why, UsageError for a
// cluster:// target or an unknown master name.
Topology discover_external(const TargetUrl& target, const ConnectOptions& connect);

}  // namespace rrt
