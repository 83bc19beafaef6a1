#include "topo/topology.h"

namespace rrt {

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
