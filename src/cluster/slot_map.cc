#include "cluster/slot_map.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "cluster/key_slot.h"

namespace rrt {

SlotMap::SlotMap() : slot_owner_(kClusterSlots, -1) {}

// One node entry of CLUSTER SLOTS: [ip, port, id, ...].
static Endpoint node_endpoint(const Reply& node, size_t range, std::string* id) {
  if (!node.is_array() || node.size() < 2 || !node.at(1).is_integer()) {
    throw std::invalid_argument(
        fmt::format("CLUSTER SLOTS entry {}: a node must be [ip, port, id, ...]", range));
  }
  if (id && node.size() > 2) *id = std::string(node.at(2).str());
  return {std::string(node.at(0).str()), static_cast<int>(node.at(1).integer())};
}

SlotMap SlotMap::from_cluster_slots(const Reply& reply) {
  if (!reply.is_array()) throw std::invalid_argument("CLUSTER SLOTS: expected an array reply");
  SlotMap map;
  for (size_t i = 0; i < reply.size(); ++i) {
    Reply entry = reply.at(i);
    if (!entry.is_array() || entry.size() < 3 || !entry.at(0).is_integer() ||
        !entry.at(1).is_integer()) {
      throw std::invalid_argument(
          fmt::format("CLUSTER SLOTS entry {}: expected [start, end, master, replicas...]", i));
    }
    SlotRange r;
    r.start = static_cast<int>(entry.at(0).integer());
    r.end = static_cast<int>(entry.at(1).integer());
    if (r.start < 0 || r.end >= kClusterSlots || r.start > r.end) {
      throw std::invalid_argument(
          fmt::format("CLUSTER SLOTS entry {}: bad slot range {}-{}", i, r.start, r.end));
    }
    r.master = node_endpoint(entry.at(2), i, &r.master_id);
    for (size_t k = 3; k < entry.size(); ++k)
      r.replicas.push_back(node_endpoint(entry.at(k), i, nullptr));
    for (int s = r.start; s <= r.end; ++s) map.set_owner(s, r.master);
    map.ranges_.push_back(std::move(r));
  }
  std::sort(map.ranges_.begin(), map.ranges_.end(),
            [](const SlotRange& a, const SlotRange& b) { return a.start < b.start; });
  return map;
}

std::optional<Endpoint> SlotMap::owner(int slot) const {
  if (slot < 0 || slot >= kClusterSlots || slot_owner_[slot] < 0) return std::nullopt;
  return masters_[slot_owner_[slot]];
}

void SlotMap::set_owner(int slot, const Endpoint& master) {
  if (slot < 0 || slot >= kClusterSlots) return;
  auto it = std::find(masters_.begin(), masters_.end(), master);
  if (it == masters_.end()) it = masters_.insert(masters_.end(), master);
  slot_owner_[slot] = static_cast<int>(it - masters_.begin());
}

std::string SlotMap::signature() const {
  std::string out;
  for (const auto& r : ranges_) {
    out += fmt::format("{}{}-{} {}", out.empty() ? "" : "; ", r.start, r.end, r.master.to_string());
  }
  return out;
}

nlohmann::json SlotMap::to_json() const {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : ranges_) {
    nlohmann::json replicas = nlohmann::json::array();
    for (const auto& ep : r.replicas) replicas.push_back(ep.to_string());
    out.push_back({{"slots", fmt::format("{}-{}", r.start, r.end)},
                   {"master", r.master.to_string()},
                   {"replicas", replicas}});
  }
  return out;
}

}  // namespace rrt
