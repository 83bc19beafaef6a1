// Watches a Redis Cluster from the inside while a run goes on: polls every node's CLUSTER NODES
// and CLUSTER INFO (every ~100 ms, each request with a deadline) and records in the run's event
// log (source "cluster") what changed in each node's view:
//   "cluster-view"  node = the observing node; detail {"subject": node name, "role": "master" |
//                   "replica", "master": name of the subject's master (replicas), "failure":
//                   "" | "pfail" | "fail", "epoch": config epoch, "slots": "0-5460 ..."};
//                   recorded for every (observer, subject) pair at the start and whenever role,
//                   master, failure flag, epoch or slots change (link flaps are not events).
//   "cluster-state" node = the observing node; detail {"state": "ok" | "fail"}, on change.
// Nodes are named by the topology ("redis-3"); a node the topology does not know keeps its id.
#pragma once

#include <asio/awaitable.hpp>
#include <atomic>
#include <vector>

#include "base/clock.h"
#include "history/event_log.h"
#include "resp/connection.h"
#include "topo/topology.h"

namespace rrt {

struct ClusterObserveOptions {
  Nanos interval = 100 * kMillis;  // between two polls of one node
  Nanos timeout = 300 * kMillis;   // deadline of each connect and request
  ConnectOptions connect;          // AUTH; its timeout is replaced by `timeout`
};

// Runs until `stop` is true: one poller per node of `nodes`. `events` and `stop` must outlive
// the coroutine.
asio::awaitable<void> observe_cluster(std::vector<NodeInfo> nodes, ClusterObserveOptions options,
                                      EventLog& events, const std::atomic<bool>& stop);

}  // namespace rrt
