// Rules about where nodes run, as far as their addresses show it (audit/snapshot.h host_of):
// everything on one host, sentinels bunched together or beside the master, cluster replicas
// on their master's host.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "audit/rule_helpers.h"
#include "audit/rules.h"

namespace rrt {

std::optional<Finding> single_host(const Snapshot& s) {
  if (!single_host_deployment(s)) return std::nullopt;
  Finding f;
  f.id = "single-host";
  f.severity = Severity::kMedium;
  f.title = "Every node runs on one host";
  std::string host =
      host_of(s.nodes.empty() ? s.sentinels.front().endpoint : s.nodes.front().endpoint);
  f.evidence.push_back(
      {"", "", "host of every node",
       fmt::format("{} ({} data nodes, {} sentinels)", host, s.nodes.size(), s.sentinels.size())});
  f.what_happens =
      "The failure, restart or isolation of that one machine stops every copy at once: an "
      "outage no failover can repair, and without persistence the data is gone.";
  f.fix = "# run the master, each replica and each sentinel on separate machines (failure domains)";
  return f;
}

std::optional<Finding> sentinels_one_host(const Snapshot& s) {
  if (s.scheme != "sentinel" || s.sentinels.empty()) return std::nullopt;
  std::map<std::string, std::vector<const SentinelNode*>> by_host;
  for (const auto& n : s.sentinels) by_host[host_of(n.endpoint)].push_back(&n);
  long long need = majority(static_cast<long long>(s.sentinels.size()));
  for (const auto& [host, group] : by_host) {
    bool data_elsewhere = std::any_of(s.nodes.begin(), s.nodes.end(), [&](const DataNode& d) {
      return host_of(d.endpoint) != host;
    });
    if (static_cast<long long>(group.size()) < need || !data_elsewhere) continue;
    const DataNode* m = s.master();
    bool with_master = m && host_of(m->endpoint) == host;
    Finding f;
    f.id = "sentinels-one-host";
    f.severity = with_master ? Severity::kHigh : Severity::kMedium;
    f.title = fmt::format("{} of {} sentinels run on one host", group.size(), s.sentinels.size());
    for (const SentinelNode* n : group) f.evidence.push_back(sentinel_evidence(*n, "host", host));
    if (with_master) f.evidence.push_back(node_evidence(*m, "host", host));
    f.what_happens = with_master
                         ? "Losing that host loses the master and the majority of sentinels that "
                           "must elect a leader: no failover happens, although replicas elsewhere "
                           "could take over."
                         : "Losing that host loses the majority of sentinels: until it is back, "
                           "a master failure is not repaired.";
    f.scenario = "sentinel-quorum-loss";
    f.fix = fmt::format("# spread the sentinels: at most {} on any one host", need - 1);
    return f;
  }
  return std::nullopt;
}

std::optional<Finding> sentinel_beside_master(const Snapshot& s) {
  const DataNode* m = s.master();
  if (s.scheme != "sentinel" || !m || single_host_deployment(s)) return std::nullopt;
  Finding f;
  f.id = "sentinel-beside-master";
  f.severity = Severity::kLow;
  f.title = "A sentinel runs on the master's host";
  for (const auto& n : s.sentinels) {
    if (host_of(n.endpoint) == host_of(m->endpoint)) {
      f.evidence.push_back(sentinel_evidence(n, "host", host_of(n.endpoint)));
    }
  }
  f.what_happens =
      "When that host is cut off, its sentinel still sees the master up and the master keeps "
      "the clients on its side: the set-up of a split brain. Harmless for the vote while the "
      "other sentinels are a majority elsewhere.";
  f.scenario = "sentinel-partition-split-brain";
  f.fix = "# prefer sentinels on hosts without Redis nodes, e.g. next to the application";
  return if_evidence(std::move(f));
}

std::optional<Finding> cluster_replicas_same_host(const Snapshot& s) {
  const DataNode* view = cluster_view(s);
  if (!view) return std::nullopt;
  Finding f;
  f.id = "cluster-replicas-same-host";
  f.severity = Severity::kMedium;
  f.title = "A master's replicas all run on its own host";
  for (const auto& m : view->cluster_nodes) {
    if (!m.is_master() || m.slots.empty()) continue;
    std::vector<const ClusterNodeView*> replicas;
    for (const auto& r : view->cluster_nodes) {
      if (r.master_id == m.id) replicas.push_back(&r);
    }
    bool all_beside =
        !replicas.empty() && std::all_of(replicas.begin(), replicas.end(), [&](auto* r) {
          return host_of(r->endpoint) == host_of(m.endpoint);
        });
    if (!all_beside) continue;
    f.evidence.push_back({m.endpoint.to_string(), "cluster-master", "host",
                          fmt::format("{} (slots {})", host_of(m.endpoint), m.slot_text())});
    for (const auto* r : replicas) {
      f.evidence.push_back(
          {r->endpoint.to_string(), "cluster-replica", "host", host_of(r->endpoint)});
    }
  }
  f.what_happens =
      "When that host fails, the master and every replica of its slots fail together: no "
      "replica is left to promote, and the slots stay down (and the whole cluster with "
      "cluster-require-full-coverage yes).";
  f.scenario = "cluster-kill-master";
  f.fix =
      "# place each replica on a different host than its master (CLUSTER REPLICATE <master-id>)";
  return if_evidence(std::move(f));
}

}  // namespace rrt
