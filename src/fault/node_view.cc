#include "fault/node_view.h"

#include "topo/ask.h"
#include "topo/master.h"

namespace rrt {

std::string ask_master(const Topology& all, const ConnectOptions& o,
                       const std::function<bool(const std::string&)>& up) {
  Topology t = all;
  std::erase_if(t.nodes, [&](const NodeInfo& n) { return !up(n.name); });
  std::optional<Endpoint> master = find_master(t, o);
  if (master && !all.find(*master)) {
    // The sentinels named an address that is not one of the nodes: ask the nodes themselves.
    std::erase_if(t.nodes, [](const NodeInfo& n) { return n.role == Role::kSentinel; });
    master = find_master(t, o);
  }
  const NodeInfo* node = master ? all.find(*master) : nullptr;
  return node ? node->name : "";
}

std::vector<std::string> ask_masters(const Topology& t, const ConnectOptions& o,
                                     const std::function<bool(const std::string&)>& up) {
  std::vector<std::string> names;
  for (const auto& n : t.nodes) {
    if (n.role == Role::kSentinel || n.role == Role::kProxy || !up(n.name)) continue;
    CallResult r = ask(n.endpoint, {"ROLE"}, o);
    if (r.ok() && role_says_master(r.reply)) names.push_back(n.name);
  }
  return names;
}

}  // namespace rrt
