#include "topo/master.h"

#include <fmt/format.h>

#include "base/errors.h"
#include "topo/ask.h"

namespace rrt {

Args master_addr_command(const std::string& master_name) {
  return {"SENTINEL", "GET-MASTER-ADDR-BY-NAME", master_name};
}

std::optional<Endpoint> master_addr_of(const Reply& reply) {
  if (reply.is_nil() || reply.size() != 2) return std::nullopt;
  try {
    return Endpoint{std::string(reply.at(0).str()), std::stoi(std::string(reply.at(1).str()))};
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

bool role_says_master(const Reply& reply) {
  return reply.size() > 0 && reply.at(0).str() == "master";
}

std::vector<Endpoint> master_candidates(const Topology& topology) {
  std::vector<Endpoint> out;
  for (Role role : {Role::kMaster, Role::kReplica, Role::kClusterNode}) {
    for (const auto& n : topology.with_role(role)) out.push_back(n.endpoint);
  }
  return out;
}

std::optional<Endpoint> find_master(const Topology& topology, const ConnectOptions& options) {
  Args by_name = master_addr_command(topology.master_name);
  for (const auto& sentinel : topology.sentinel_endpoints()) {
    CallResult r = ask(sentinel, by_name, options);
    if (!r.ok()) continue;
    if (auto master = master_addr_of(r.reply)) return master;
  }
  for (const auto& node : master_candidates(topology)) {
    CallResult r = ask(node, {"ROLE"}, options);
    if (r.ok() && role_says_master(r.reply)) return node;
  }
  return std::nullopt;
}

Endpoint must_find_master(const Topology& topology, const ConnectOptions& options) {
  if (auto master = find_master(topology, options)) return *master;
  std::string asked;
  for (const auto& ep : topology.sentinel_endpoints()) {
    asked += (asked.empty() ? "" : ", ") + ep.to_string();
  }
  for (const auto& ep : master_candidates(topology)) {
    asked += (asked.empty() ? "" : ", ") + ep.to_string();
  }
  throw EnvironmentError(
      fmt::format("no node answers as master (asked {})", asked.empty() ? "nobody" : asked));
}

}  // namespace rrt
