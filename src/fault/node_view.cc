#include "fault/node_view.h"

#include "topo/discovery.h"

namespace rrt {

std::string ask_master(const Topology& t, const ConnectOptions& o,
                       const std::function<bool(const std::string&)>& up) {
  std::vector<Endpoint> sentinels;
  for (const auto& n : t.with_role(Role::kSentinel)) {
    if (up(n.name)) sentinels.push_back(n.endpoint);
  }
  if (!sentinels.empty()) {
    try {
      const NodeInfo* node = t.find(master_from_sentinels(sentinels, t.master_name, o));
      if (node) return node->name;
    } catch (const std::exception&) {
      // no sentinel answers: ask the data nodes
    }
  }
  std::vector<std::string> all = ask_masters(t, o, up);
  return all.empty() ? "" : all.front();
}

std::vector<std::string> ask_masters(const Topology& t, const ConnectOptions& o,
                                     const std::function<bool(const std::string&)>& up) {
  std::vector<std::string> names;
  for (const auto& n : t.nodes) {
    if (n.role == Role::kSentinel || n.role == Role::kProxy || !up(n.name)) continue;
    if (node_role(n.endpoint, o) == "master") names.push_back(n.name);
  }
  return names;
}

}  // namespace rrt
