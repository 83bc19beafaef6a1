// Who serves which hash slots: the routing table of a cluster client, read from CLUSTER SLOTS.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "resp/reply.h"
#include "resp/url.h"

namespace rrt {

struct SlotRange {
  int start = 0;
  int end = 0;  // inclusive
  Endpoint master;
  std::string master_id;  // node id, when the reply has one
  std::vector<Endpoint> replicas;
};

class SlotMap {
 public:
  SlotMap();
  // Parses a CLUSTER SLOTS reply. Throws std::invalid_argument saying which entry is malformed.
  static SlotMap from_cluster_slots(const Reply& reply);

  // The master serving `slot`, if any range covers it.
  std::optional<Endpoint> owner(int slot) const;
  // After a -MOVED: `slot` is now served by `master` (the rest is refreshed separately).
  void set_owner(int slot, const Endpoint& master);
  bool empty() const { return ranges_.empty(); }
  // Ranges by start slot, as CLUSTER SLOTS gave them (set_owner does not change them).
  const std::vector<SlotRange>& ranges() const { return ranges_; }
  // "0-5460 127.0.0.1:7000; 5461-10922 127.0.0.1:7001; ...": equal for nodes that agree on
  // who serves what (replicas not included: their order differs from node to node).
  std::string signature() const;
  // [{"slots": "0-5460", "master": "host:port", "replicas": ["host:port", ...]}, ...].
  nlohmann::json to_json() const;

 private:
  std::vector<SlotRange> ranges_;
  std::vector<Endpoint> masters_;
  std::vector<int> slot_owner_;  // index into masters_, -1 when no range covers the slot
};

}  // namespace rrt
