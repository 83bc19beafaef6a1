// The audit's rules: pure functions from a Snapshot to at most one Finding each. A rule fires
// only on facts it has; a setting nobody could read keeps it quiet (the `unread` rule says what
// was not read). Severity is the worst case over the nodes in the evidence. docs/audit.md lists
// every id with its severities; the ids are stable.
#pragma once

#include <optional>
#include <vector>

#include "audit/finding.h"
#include "audit/snapshot.h"

namespace rrt {

using Rule = std::optional<Finding> (*)(const Snapshot&);

// Every rule, in the order their findings are listed within one severity.
const std::vector<Rule>& audit_rules();

// Runs every rule; findings sorted by severity (high first), then in rule order.
std::vector<Finding> audit(const Snapshot& snapshot);

// --- Persistence (rules_persistence.cc) ---
// persistence-off-master: a master with `save ""` and `appendonly no`. High when it has
// replicas (a restart wipes them too), medium without.
std::optional<Finding> persistence_off_master(const Snapshot& s);
// appendfsync: where appendonly is yes. Medium for `no`, low for everysec, info for always.
std::optional<Finding> appendfsync_meaning(const Snapshot& s);
// eviction-policy: maxmemory > 0 with a maxmemory-policy other than noeviction. Medium.
std::optional<Finding> eviction_policy(const Snapshot& s);

// --- Replication (rules_replication.cc) ---
// split-brain-min-replicas: under Sentinel, the master has min-replicas-to-write 0. High.
std::optional<Finding> split_brain_min_replicas(const Snapshot& s);
// min-replicas-max-lag: under Sentinel, min-replicas on but max-lag above 10 s. Medium.
std::optional<Finding> min_replicas_max_lag(const Snapshot& s);
// min-replicas-no-headroom: min-replicas-to-write >= the master's replicas. Medium.
std::optional<Finding> min_replicas_no_headroom(const Snapshot& s);
// replica-serve-stale-data: a replica with replica-serve-stale-data yes. Low.
std::optional<Finding> replica_serve_stale_data(const Snapshot& s);
// replica-writable: a replica with replica-read-only no. High.
std::optional<Finding> replica_writable(const Snapshot& s);
// repl-backlog-small: a master with replicas whose backlog holds under 60 s of the write rate
// measured between two readings of master_repl_offset. Medium.
std::optional<Finding> repl_backlog_small(const Snapshot& s);
// no-failover-candidate: under Sentinel, no replica with replica-priority above 0 (none at all
// counts). High.
std::optional<Finding> no_failover_candidate(const Snapshot& s);

// --- Sentinel (rules_sentinel.cc) ---
// sentinel-count: fewer than 3 sentinels known. High.
std::optional<Finding> sentinel_count(const Snapshot& s);
// sentinel-quorum-minority: a sentinel's quorum is below the majority of the sentinels. Medium.
std::optional<Finding> sentinel_quorum_minority(const Snapshot& s);
// sentinel-quorum-too-high: quorum above the number of sentinels (high: no failover ever
// starts) or equal to it with 2 or more (medium: one sentinel down blocks failover).
std::optional<Finding> sentinel_quorum_too_high(const Snapshot& s);
// sentinels-unaware: a sentinel that does not list another sentinel the audit found. High.
std::optional<Finding> sentinels_unaware(const Snapshot& s);
// sentinel-ckquorum: a sentinel answers SENTINEL CKQUORUM with an error. High.
std::optional<Finding> sentinel_ckquorum(const Snapshot& s);
// sentinels-disagree: reachable sentinels name different masters, or do not know the name. High.
std::optional<Finding> sentinels_disagree(const Snapshot& s);
// sentinels-one-host: one host holds a majority of the sentinels while some data node is
// elsewhere. High when that host holds the master, else medium.
std::optional<Finding> sentinels_one_host(const Snapshot& s);
// sentinel-beside-master: a sentinel on the master's host (not a single-host deployment). Low.
std::optional<Finding> sentinel_beside_master(const Snapshot& s);
// sentinel-down-after: down-after-milliseconds and the write outage it implies. Medium from
// 30 s, low from 10 s, info below.
std::optional<Finding> sentinel_down_after(const Snapshot& s);
// sentinel-failover-timeout: failover-timeout of 30 s or more (a failed attempt is retried
// after twice that). Low.
std::optional<Finding> sentinel_failover_timeout(const Snapshot& s);

// --- Placement (rules_placement.cc) ---
// single-host: two or more nodes, all on one host. Medium.
std::optional<Finding> single_host(const Snapshot& s);

// --- Access (rules_access.cc) ---
// no-auth: a data node answers PING without AUTH. High.
std::optional<Finding> no_auth(const Snapshot& s);
// sentinel-no-auth: a sentinel answers PING without AUTH. Medium.
std::optional<Finding> sentinel_no_auth(const Snapshot& s);
// protected-mode-off: protected-mode no. Low.
std::optional<Finding> protected_mode_off(const Snapshot& s);
// tls-off: tls-port 0 on a data node. Low.
std::optional<Finding> tls_off(const Snapshot& s);

// --- Cluster (rules_cluster.cc) ---
// cluster-require-full-coverage: yes on a cluster node. Medium.
std::optional<Finding> cluster_require_full_coverage(const Snapshot& s);
// cluster-allow-reads-when-down: yes on a cluster node. Low.
std::optional<Finding> cluster_allow_reads_when_down(const Snapshot& s);
// cluster-slots-uncovered: a node's CLUSTER SLOTS leaves slots without a master, or its
// cluster_state is not ok. High.
std::optional<Finding> cluster_slots_uncovered(const Snapshot& s);
// cluster-master-without-replica: a master serving slots with no replica that is not failed. High.
std::optional<Finding> cluster_master_without_replica(const Snapshot& s);
// cluster-replicas-same-host: a master whose replicas are all on its own host. Medium.
std::optional<Finding> cluster_replicas_same_host(const Snapshot& s);

// --- Reading (rules_reading.cc) ---
// node-unreachable: a data node or sentinel the deployment names did not answer. Medium.
std::optional<Finding> node_unreachable(const Snapshot& s);
// unread: requests a node refused or did not answer (CONFIG GET renamed or denied by ACL, ...).
// Low.
std::optional<Finding> unread_facts(const Snapshot& s);

}  // namespace rrt
