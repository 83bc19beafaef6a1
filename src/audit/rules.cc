#include "audit/rules.h"

#include <algorithm>

namespace rrt {

const std::vector<Rule>& audit_rules() {
  static const std::vector<Rule> kRules = {
      // Losing data.
      persistence_off_master,
      split_brain_min_replicas,
      replica_writable,
      eviction_policy,
      appendfsync_meaning,
      min_replicas_max_lag,
      // Failover that cannot happen, or happens wrongly.
      no_failover_candidate,
      sentinel_count,
      sentinel_quorum_too_high,
      sentinel_quorum_minority,
      sentinels_unaware,
      sentinels_disagree,
      sentinel_ckquorum,
      sentinels_one_host,
      sentinel_beside_master,
      single_host,
      sentinel_down_after,
      sentinel_failover_timeout,
      min_replicas_no_headroom,
      // Cluster.
      cluster_slots_uncovered,
      cluster_master_without_replica,
      cluster_replicas_same_host,
      cluster_require_full_coverage,
      cluster_allow_reads_when_down,
      // Replicas and resyncs.
      replica_serve_stale_data,
      repl_backlog_small,
      // Access.
      no_auth,
      sentinel_no_auth,
      protected_mode_off,
      tls_off,
      // The reading itself.
      node_unreachable,
      unread_facts,
  };
  return kRules;
}

std::vector<Finding> audit(const Snapshot& snapshot) {
  std::vector<Finding> out;
  for (Rule rule : audit_rules()) {
    if (std::optional<Finding> f = rule(snapshot)) out.push_back(std::move(*f));
  }
  std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
    return static_cast<int>(a.severity) < static_cast<int>(b.severity);
  });
  return out;
}

}  // namespace rrt
