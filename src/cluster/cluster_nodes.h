// CLUSTER NODES, parsed: one node's view of every node of the cluster.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "resp/url.h"

namespace rrt {

struct ClusterNodeView {
  std::string id;
  Endpoint endpoint;      // client address (the "@bus-port" part dropped)
  std::string flags;      // "myself,master", "slave", "master,fail?", "master,fail", ...
  std::string master_id;  // "-" for masters
  long long config_epoch = 0;
  std::string link;                // "connected" | "disconnected"
  std::vector<std::string> slots;  // "0-5460", "5461"; migrating/importing entries skipped

  bool has_flag(std::string_view flag) const;  // exact match of one comma-separated flag
  bool is_master() const { return has_flag("master"); }
  bool myself() const { return has_flag("myself"); }
  // "fail" when flagged FAIL, "pfail" when flagged fail?, else "".
  std::string failure() const;
  // Slots as one string: "0-5460 10923" ("" for none).
  std::string slot_text() const;
};

// Parses the text of a CLUSTER NODES reply. Throws std::invalid_argument naming the line that
// has fewer than the 8 fixed fields.
std::vector<ClusterNodeView> parse_cluster_nodes(std::string_view text);

}  // namespace rrt
