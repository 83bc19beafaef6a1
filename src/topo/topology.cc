#include "topo/topology.h"

#include <fmt/format.h>

#include "base/enum_names.h"
#include "base/errors.h"

namespace rrt {

constexpr EnumName<TopologyKind> kKinds[] = {{TopologyKind::kStandalone, "standalone"},
                                             {TopologyKind::kReplication, "replication"},
                                             {TopologyKind::kSentinel, "sentinel"},
                                             {TopologyKind::kCluster, "cluster"},
                                             {TopologyKind::kProxy, "proxy"}};

const char* kind_name(TopologyKind kind) {
  return name_in(kKinds, kind);
}

std::string topology_kind_names() {
  return names_in(kKinds);
}

std::optional<TopologyKind> parse_topology_kind(std::string_view text) {
  return value_in(kKinds, text);
}

TopologyKind must_parse_topology_kind(std::string_view text, std::string_view what) {
  if (auto k = parse_topology_kind(text)) return *k;
  throw UsageError(fmt::format("bad {} '{}': expected {}", what, text, topology_kind_names()));
}

constexpr EnumName<Role> kRoles[] = {{Role::kMaster, "master"},
                                     {Role::kReplica, "replica"},
                                     {Role::kSentinel, "sentinel"},
                                     {Role::kClusterNode, "cluster-node"},
                                     {Role::kProxy, "proxy"}};

const char* role_name(Role role) {
  return name_in(kRoles, role);
}

std::string role_names() {
  return names_in(kRoles);
}

std::optional<Role> parse_role(std::string_view text) {
  return value_in(kRoles, text);
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
