// Cluster failover anatomy: what a fault that hit a cluster master did, from the cluster's own
// view (the "cluster" events of observe/cluster_observer.h) and from the clients' history.
// A pure function of the history and the events.
//
// A disruption is a nemesis start event whose FaultDetail disrupts the master (is_disruption in
// history/fault_detail.h); the master it hit is its disrupted_master(): `master`
// (cluster-failover names the replica it asked and that replica's master) or else `node`. Its
// window runs to the next disruption or the end of the run. Phases, each the first in the window,
// in ms since the fault:
//   pfail         some other node flags the old master fail? (it missed pings for
//                 cluster-node-timeout / 2 ... node-timeout)
//   fail          some node flags it FAIL (a majority of masters agreed)
//   cluster_fail  some node reports cluster_state:fail (slots without a live master)
//   promoted      one of the old master's replicas shows as master (with its new config epoch)
//   cluster_ok    every node that reported cluster_state:fail reports ok again
//   old_master_replica  the old master shows as a replica (it came back and was demoted)
// and, for a master that keeps running (cut off by a partition, or replaced by CLUSTER
// FAILOVER), from its own view and from the history (ops whose completion names its endpoint,
// as the runner's lab-ready event gives it):
//   old_master_cluster_fail  the old master itself reports cluster_state:fail (cut off with a
//                 minority, it found it reaches fewer than a majority of the masters)
//   old_master_last_write    the last ok write it acknowledged after the fault
//   old_master_refused       the first write it refused with -CLUSTERDOWN after the fault
// The writes it acknowledged after the fault are counted (old_master_writes): cut off, it never
// replicated them to the side that promoted its replica, so they are lost when it rejoins.
// Shards are the masters of the first views (before any fault) and their slots; each op belongs
// to the shard of its key's slot. A shard's write outage is the longest gap between two ok
// writes of its keys that ends in the window (to the window's end if writes never resumed).
//
// Options: "expect": "failover" (each disruption must end in a promotion) | "any" (default);
// "max_outage_ms": invalid if some shard's write outage is longer.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "check/check_result.h"
#include "history/event.h"
#include "history/op.h"

namespace rrt {

struct ShardOutage {
  std::string master;                     // node name of the shard's master at the start
  std::string slots;                      // "0-5460"
  int64_t ok_writes = 0;                  // in the window
  std::optional<Nanos> outage;            // longest gap ending in the window
  std::optional<Nanos> outage_from;       // its start, since the fault
  bool recovered = true;                  // false: no ok write after the gap's start
  std::map<std::string, int64_t> errors;  // "CLUSTERDOWN (fail)" -> count, in the window
};

struct ClusterFailover {
  std::string fault;       // nemesis verb
  std::string fault_node;  // the node it hit
  std::string old_master;  // node name
  Nanos fault_time = 0;    // since the run's start
  Nanos window_end = 0;    // since the fault
  std::string new_master;  // node name; empty without a promotion
  long long new_epoch = 0;
  std::map<std::string, Nanos> phases;  // see above
  std::vector<ShardOutage> shards;
  int64_t old_master_writes = 0;  // ok writes the old master acknowledged in the window

  bool failed_over() const { return !new_master.empty(); }
};

std::vector<ClusterFailover> analyze_cluster_failovers(const History& history,
                                                       const Events& events);

nlohmann::json to_json(const ClusterFailover& failover);
std::string describe(const ClusterFailover& failover);

// The "cluster-failover" checker. Metrics: disruptions, failovers, promoted_ms and fail_ms (of
// the first disruption), outage_ms (the hit shard's, first disruption), max_outage_ms (any
// shard, any disruption); for the first disruption also old_master_writes and, when they
// happened, old_master_last_write_ms and old_master_refused_ms. Its detail is the list of
// to_json() of each disruption.
CheckResult check_cluster_failover(const History& history, const Events& events,
                                   const nlohmann::json& options);

}  // namespace rrt
