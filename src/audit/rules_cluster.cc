// Rules about Redis Cluster: coverage settings, uncovered slots, masters without a replica.
// Replicas on their master's host: rules_placement.cc.
#include <fmt/format.h>

#include <algorithm>

#include "audit/rule_helpers.h"
#include "audit/rules.h"

namespace rrt {

namespace {

constexpr int kSlots = 16384;

// "0-99 16383": the slots no range of `served` covers; "" when all are covered.
std::string unserved_slots(std::vector<std::pair<int, int>> served) {
  std::sort(served.begin(), served.end());
  std::vector<std::string> gaps;
  int next = 0;  // first slot not known to be served
  auto gap = [&](int from, int to) {
    gaps.push_back(from == to ? std::to_string(from) : fmt::format("{}-{}", from, to));
  };
  for (const auto& [start, end] : served) {
    if (start > next) gap(next, start - 1);
    next = std::max(next, end + 1);
  }
  if (next < kSlots) gap(next, kSlots - 1);
  return fmt::format("{}", fmt::join(gaps, " "));
}

// Cluster nodes where `setting` has `value`, as evidence.
Finding cluster_setting(const Snapshot& s, const std::string& setting, const std::string& value) {
  Finding f;
  for (const DataNode* n : s.reachable_nodes()) {
    std::optional<Setting> v = n->setting(setting);
    if (!n->cluster_info.empty() && v && v->value == value) {
      f.evidence.push_back(setting_evidence(*n, setting, *v));
    }
  }
  return f;
}

}  // namespace

std::optional<Finding> cluster_require_full_coverage(const Snapshot& s) {
  Finding f = cluster_setting(s, "cluster-require-full-coverage", "yes");
  f.id = "cluster-require-full-coverage";
  f.severity = Severity::kMedium;
  f.title = "One shard down stops the whole cluster";
  f.what_happens =
      "While any slot has no master (a shard whose master died before a replica took over, or "
      "one without replicas), every node answers -CLUSTERDOWN, for the healthy shards' keys too.";
  f.scenario = "cluster-kill-master";
  f.fix =
      "cluster-require-full-coverage no   # if clients can live with some keys unavailable "
      "rather than all";
  return if_evidence(std::move(f));
}

std::optional<Finding> cluster_allow_reads_when_down(const Snapshot& s) {
  Finding f = cluster_setting(s, "cluster-allow-reads-when-down", "yes");
  f.id = "cluster-allow-reads-when-down";
  f.severity = Severity::kLow;
  f.title = "Nodes serve reads while the cluster is down";
  f.what_happens =
      "A node that considers the cluster down (cut off with a minority, say) keeps answering "
      "reads: clients on its side read data that the majority side may already have changed.";
  f.fix = "cluster-allow-reads-when-down no";
  return if_evidence(std::move(f));
}

std::optional<Finding> cluster_slots_uncovered(const Snapshot& s) {
  Finding f;
  f.id = "cluster-slots-uncovered";
  f.severity = Severity::kHigh;
  f.title = "Slots without a master";
  for (const DataNode* n : s.reachable_nodes()) {
    if (n->cluster_info.empty()) continue;
    std::string gaps = n->cluster_slots_read ? unserved_slots(n->served_slots) : "";
    auto state = n->cluster_info.find("cluster_state");
    bool not_ok = state != n->cluster_info.end() && state->second != "ok";
    if (gaps.empty() && !not_ok) continue;
    if (!gaps.empty())
      f.evidence.push_back(node_evidence(*n, "CLUSTER SLOTS: no master for", gaps));
    if (state != n->cluster_info.end()) {
      f.evidence.push_back(node_evidence(*n, "cluster_state", state->second));
    }
    auto assigned = n->cluster_info.find("cluster_slots_assigned");
    if (assigned != n->cluster_info.end()) {
      f.evidence.push_back(node_evidence(*n, "cluster_slots_assigned", assigned->second));
    }
  }
  f.what_happens =
      "Keys in slots without a master cannot be read or written (-CLUSTERDOWN), and with "
      "cluster-require-full-coverage yes no key at all can.";
  f.scenario = "cluster-kill-master";
  f.fix = "# assign the slots: CLUSTER ADDSLOTS / redis-cli --cluster fix <host:port>";
  return if_evidence(std::move(f));
}

std::optional<Finding> cluster_master_without_replica(const Snapshot& s) {
  const DataNode* view = cluster_view(s);
  if (!view) return std::nullopt;
  Finding f;
  f.id = "cluster-master-without-replica";
  f.severity = Severity::kHigh;
  f.title = "Cluster masters without a working replica";
  for (const auto& m : view->cluster_nodes) {
    if (!m.is_master() || m.slots.empty() || !m.failure().empty()) continue;
    bool replicated = std::any_of(
        view->cluster_nodes.begin(), view->cluster_nodes.end(),
        [&](const ClusterNodeView& r) { return r.master_id == m.id && r.failure().empty(); });
    if (replicated) continue;
    f.evidence.push_back({m.endpoint.to_string(), "cluster-master",
                          fmt::format("replicas (CLUSTER NODES of {})", view->address()),
                          fmt::format("none working; slots {}", m.slot_text())});
  }
  f.what_happens =
      "When this master fails, no replica can take over its slots: they stay down until it is "
      "back (with its data only if it has persistence), and with "
      "cluster-require-full-coverage yes the whole cluster stops.";
  f.scenario = "cluster-kill-master";
  f.fix =
      "# add a replica: redis-cli --cluster add-node <new> <existing> --cluster-slave "
      "--cluster-master-id <id>";
  return if_evidence(std::move(f));
}

}  // namespace rrt
