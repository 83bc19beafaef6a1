#include "topo/topology.h"

#include <fmt/format.h>

#include "base/errors.h"

namespace rrt {

const char* kind_name(TopologyKind kind) {
  switch (kind) {
    case TopologyKind::kStandalone:
      return "standalone";
    case TopologyKind::kReplication:
      return "replication";
    case TopologyKind::kSentinel:
      return "sentinel";
    case TopologyKind::kCluster:
      return "cluster";
    case TopologyKind::kProxy:
      return "proxy";
  }
  return "?";
}

std::optional<TopologyKind> parse_topology_kind(std::string_view text) {
  for (TopologyKind k : {TopologyKind::kStandalone, TopologyKind::kReplication,
                         TopologyKind::kSentinel, TopologyKind::kCluster, TopologyKind::kProxy}) {
    if (text == kind_name(k)) return k;
  }
  return std::nullopt;
}

TopologyKind must_parse_topology_kind(std::string_view text, std::string_view what) {
  if (auto k = parse_topology_kind(text)) return *k;
  throw UsageError(fmt::format("bad {} '{}': expected {}", what, text, kTopologyKindNames));
}

const char* role_name(Role role) {
  switch (role) {
    case Role::kMaster:
      return "master";
    case Role::kReplica:
      return "replica";
    case Role::kSentinel:
      return "sentinel";
    case Role::kClusterNode:
      return "cluster-node";
    case Role::kProxy:
      return "proxy";
  }
  return "?";
}

std::vector<NodeInfo> Topology::with_role(Role role) const {
  std::vector<NodeInfo> out;
  for (const auto& n : nodes) {
    if (n.role == role) out.push_back(n);
  }
  return out;
}

const NodeInfo* Topology::find(const std::string& name) const {
  for (const auto& n : nodes) {
    if (n.name == name) return &n;
  }
  return nullptr;
}

const NodeInfo* Topology::find(const Endpoint& endpoint) const {
  for (const auto& n : nodes) {
    if (n.endpoint == endpoint) return &n;
  }
  return nullptr;
}

std::vector<Endpoint> Topology::sentinel_endpoints() const {
  std::vector<Endpoint> out;
  for (const auto& n : with_role(Role::kSentinel)) out.push_back(n.endpoint);
  return out;
}

}  // namespace rrt
