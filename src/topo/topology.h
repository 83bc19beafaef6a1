// The system under test as rrt sees it: named nodes with roles and addresses. Every backend
// (local lab, network-namespace hosts, an external deployment, Kubernetes) describes what it
// runs this way, so workloads, observers and checks never need to know which backend it is.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "resp/url.h"

namespace rrt {

enum class Role { kMaster, kReplica, kSentinel, kClusterNode, kProxy };

// "master", "replica", "sentinel", "cluster-node", "proxy": text only at the edges (JSON
// records, messages).
const char* role_name(Role role);
// "master, replica, sentinel, cluster-node or proxy", for messages.
std::string role_names();
// The role `text` names; nothing for anything else.
std::optional<Role> parse_role(std::string_view text);

// What a deployment is: how its master is found and how clients reach it. Parsed from and
// printed to text only at the edges (scenario YAML, the CLI, JSON records).
enum class TopologyKind { kStandalone, kReplication, kSentinel, kCluster, kProxy };

// "standalone", "replication", "sentinel", "cluster", "proxy".
const char* kind_name(TopologyKind kind);
// "standalone, replication, sentinel, cluster or proxy", for messages.
std::string topology_kind_names();
// The kind `text` names; nothing for anything else.
std::optional<TopologyKind> parse_topology_kind(std::string_view text);
// parse_topology_kind, or UsageError "bad <what> '<text>': expected standalone, ... or proxy".
TopologyKind must_parse_topology_kind(std::string_view text, std::string_view what);

struct NodeInfo {
  std::string name;           // stable name: "redis-1", "sentinel-2"
  Role role = Role::kMaster;  // role when the topology was built; ask the node for the current one
  Endpoint endpoint;          // where clients reach it
  std::string netns;          // network namespace it runs in; empty: the host's
};

struct Topology {
  TopologyKind kind = TopologyKind::kStandalone;
  std::string master_name = "mymaster";  // the name sentinels monitor
  std::vector<NodeInfo> nodes;
  std::string password;  // AUTH for data nodes, if any; never printed

  std::vector<NodeInfo> with_role(Role role) const;
  const NodeInfo* find(const std::string& name) const;
  const NodeInfo* find(const Endpoint& endpoint) const;
  std::vector<Endpoint> sentinel_endpoints() const;
};

}  // namespace rrt
