#include "fault/target.h"

#include <fmt/format.h>

#include "base/errors.h"
#include "fault/node_view.h"

namespace rrt {

bool plausible_target(const std::string& word) {
  static const char* kWords[] = {"master", "replica", "any-replica", "sentinel", "any-sentinel"};
  for (const char* w : kWords) {
    if (word == w) return true;
  }
  return word.rfind("redis-", 0) == 0 || word.rfind("sentinel-", 0) == 0;
}

std::string target_words() {
  return "master, replica, any-replica, sentinel, any-sentinel or a node name (redis-N, "
         "sentinel-N)";
}

static bool is_data_node(const NodeInfo& n) {
  return n.role != Role::kSentinel && n.role != Role::kProxy;
}

std::vector<std::string> running_sentinels(const NodeView& nodes) {
  std::vector<std::string> names;
  for (const auto& n : nodes.topology().nodes) {
    if (n.role == Role::kSentinel && nodes.running(n.name)) names.push_back(n.name);
  }
  return names;
}

std::vector<std::string> current_replicas(const NodeView& nodes) {
  std::string master = nodes.master();
  std::vector<std::string> names;
  for (const auto& n : nodes.topology().nodes) {
    if (is_data_node(n) && n.name != master && nodes.running(n.name)) names.push_back(n.name);
  }
  return names;
}

static TargetNode describe(const Topology& t, const std::string& name, const std::string& master) {
  const NodeInfo* n = t.find(name);
  if (!n) {
    std::string names;
    for (const auto& node : t.nodes) names += (names.empty() ? "" : ", ") + node.name;
    throw UsageError(fmt::format("no node named '{}' (nodes: {})", name, names));
  }
  Role role = n->role == Role::kSentinel ? Role::kSentinel
              : name == master           ? Role::kMaster
                                         : Role::kReplica;
  return {name, n->endpoint, role};
}

static const std::string& pick(const std::vector<std::string>& names, bool random,
                               std::mt19937& rng, const char* what) {
  if (names.empty()) throw EnvironmentError(fmt::format("no running {} to target", what));
  if (!random) return names.front();
  return names[std::uniform_int_distribution<size_t>(0, names.size() - 1)(rng)];
}

TargetNode resolve_target(const NodeView& nodes, const std::string& word, std::mt19937& rng) {
  Topology t = nodes.topology();
  if (word == "master") {
    std::string master = nodes.master();
    if (master.empty()) throw EnvironmentError("no node answers as master");
    return describe(t, master, master);
  }
  if (word == "replica" || word == "any-replica") {
    std::string master = nodes.master();
    std::vector<std::string> replicas = current_replicas(nodes);
    return describe(t, pick(replicas, word == "any-replica", rng, "replica"), master);
  }
  if (word == "sentinel" || word == "any-sentinel") {
    return describe(t, pick(running_sentinels(nodes), word == "any-sentinel", rng, "sentinel"), "");
  }
  if (!t.find(word)) return describe(t, word, "");  // throws naming the nodes
  return describe(t, word, nodes.master());
}

FaultDetail target_detail(const TargetNode& t) {
  FaultDetail d;
  d.node = t.name;
  d.endpoint = t.endpoint.to_string();
  d.role = t.role;
  return d;
}

}  // namespace rrt
