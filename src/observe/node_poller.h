// Polls every data node's INFO replication while a run goes on and records what changed in the
// run's event log (source "observer"): "role-change" events and "offsets" snapshots
// (see role_tracker.h and docs/history.md).
#pragma once

#include <atomic>
#include <mutex>
#include <vector>

#include <asio/awaitable.hpp>

#include "base/clock.h"
#include "history/event_log.h"
#include "resp/connection.h"
#include "topo/topology.h"

namespace rrt {

// The data nodes to watch. The runner replaces the list when nodes come and go (add-replica on
// the main thread); the poller reads it on the client loop. Thread-safe.
class WatchList {
 public:
  void set(std::vector<NodeInfo> nodes) {
    std::lock_guard lock(mu_);
    nodes_ = std::move(nodes);
  }
  std::vector<NodeInfo> get() const {
    std::lock_guard lock(mu_);
    return nodes_;
  }

 private:
  mutable std::mutex mu_;
  std::vector<NodeInfo> nodes_;
};

struct PollOptions {
  Nanos interval = 200 * kMillis;  // between two polls of one node
  Nanos timeout = 300 * kMillis;   // deadline of each connect and INFO
  ConnectOptions connect;          // AUTH; its timeout is replaced by `timeout`
};

// Runs until `stop` is true (checked at least every interval + timeout): one poller per node on
// `list`, each with its own connection, started and stopped as the list changes. `events`
// and `stop` must outlive the coroutine.
asio::awaitable<void> poll_nodes(const WatchList& list, PollOptions options, EventLog& events,
                                 const std::atomic<bool>& stop);

}  // namespace rrt
