#include "fault/target.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/errors.h"
#include "lab/lab.h"
#include "topo/discovery.h"
#include "topo/master.h"

namespace rrt {

static constexpr Nanos kAskTimeout = 300 * kMillis;

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

static bool is_data_node(const LabNode& n) {
  return n.info.role != Role::kSentinel;
}

std::vector<std::string> running_sentinels(Lab& lab) {
  std::vector<std::string> names;
  for (const auto& n : lab.nodes()) {
    if (!is_data_node(n) && lab.running(n.info.name)) names.push_back(n.info.name);
  }
  return names;
}

// The lab's topology with only the nodes that can answer now: running and not paused.
static Topology answering_topology(Lab& lab) {
  Topology t = lab.topology();
  std::erase_if(t.nodes,
                [&](const NodeInfo& n) { return !lab.running(n.name) || lab.node(n.name).paused; });
  return t;
}

std::string current_master(Lab& lab) {
  Topology all = lab.topology();
  Topology t = answering_topology(lab);
  ConnectOptions o = lab.spec().connect_options(kAskTimeout);
  std::optional<Endpoint> master = find_master(t, o);
  if (master && !all.find(*master)) {
    // The sentinels named an address that is not a node of the lab: ask the nodes themselves.
    std::erase_if(t.nodes, [](const NodeInfo& n) { return n.role == Role::kSentinel; });
    master = find_master(t, o);
  }
  const NodeInfo* node = master ? all.find(*master) : nullptr;
  return node ? node->name : "";
}

std::vector<std::string> current_masters(Lab& lab) {
  ConnectOptions o = lab.spec().connect_options(kAskTimeout);
  std::vector<std::string> names;
  for (const auto& n : lab.nodes()) {
    if (is_data_node(n) && lab.running(n.info.name) && !n.paused &&
        node_role(n.info.endpoint, o) == "master") {
      names.push_back(n.info.name);
    }
  }
  return names;
}

std::vector<std::string> current_replicas(Lab& lab) {
  std::string master = current_master(lab);
  std::vector<std::string> names;
  for (const auto& n : lab.nodes()) {
    if (is_data_node(n) && n.info.name != master && lab.running(n.info.name)) {
      names.push_back(n.info.name);
    }
  }
  return names;
}

static TargetNode describe(Lab& lab, const std::string& name, const std::string& master) {
  const LabNode& n = lab.node(name);  // throws UsageError naming the lab's nodes
  std::string role = !is_data_node(n) ? "sentinel" : name == master ? "master" : "replica";
  return {name, n.info.endpoint, role};
}

static const std::string& pick(const std::vector<std::string>& names, bool random,
                               std::mt19937& rng, const char* what) {
  if (names.empty()) throw EnvironmentError(fmt::format("no running {} to target", what));
  if (!random) return names.front();
  return names[std::uniform_int_distribution<size_t>(0, names.size() - 1)(rng)];
}

TargetNode resolve_target(Lab& lab, const std::string& word, std::mt19937& rng) {
  if (word == "master") {
    std::string master = current_master(lab);
    if (master.empty()) throw EnvironmentError("no node answers as master");
    return describe(lab, master, master);
  }
  if (word == "replica" || word == "any-replica") {
    std::string master = current_master(lab);
    std::vector<std::string> replicas = current_replicas(lab);
    return describe(lab, pick(replicas, word == "any-replica", rng, "replica"), master);
  }
  if (word == "sentinel" || word == "any-sentinel") {
    return describe(lab, pick(running_sentinels(lab), word == "any-sentinel", rng, "sentinel"), "");
  }
  return describe(lab, word, current_master(lab));
}

nlohmann::json target_detail(const TargetNode& t) {
  return {{"node", t.name}, {"endpoint", t.endpoint.to_string()}, {"role", t.role}};
}

}  // namespace rrt
