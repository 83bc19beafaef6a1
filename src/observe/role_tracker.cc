#include "observe/role_tracker.h"

namespace rrt {

std::optional<nlohmann::json> RoleTracker::observe(const NodeSample& s) {
  auto [it, fresh] = nodes_.try_emplace(s.node);
  NodeState& state = it->second;
  state.offset = s.offset;
  if (!fresh && state.role == s.role) return std::nullopt;
  nlohmann::json detail = {{"from", fresh ? nlohmann::json() : nlohmann::json(state.role)},
                           {"to", s.role},
                           {"endpoint", s.endpoint}};
  if (s.offset >= 0) detail["offset"] = s.offset;
  if (!s.master.empty()) detail["master"] = s.master;
  if (!s.link.empty()) detail["link"] = s.link;
  state.role = s.role;
  return detail;
}

void RoleTracker::forget(const std::string& node) {
  nodes_.erase(node);
}

std::optional<nlohmann::json> RoleTracker::offsets_if_changed() {
  nlohmann::json now = nlohmann::json::object();
  for (const auto& [node, state] : nodes_) {
    if (state.offset >= 0) now[node] = state.offset;
  }
  if (now == last_offsets_) return std::nullopt;
  last_offsets_ = now;
  return now;
}

}  // namespace rrt
