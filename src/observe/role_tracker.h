// Turns polled samples of the data nodes (role, replication offset) into events: a
// "role-change" whenever a node's role differs from its previous sample, and compact "offsets"
// snapshots (node -> replication offset) whenever an offset moved. Pure: no I/O, no clock;
// the poller (node_poller.h) feeds it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace rrt {

struct NodeSample {
  std::string node;      // lab node name
  std::string endpoint;  // "host:port"
  // "master", "replica", "down" (connection refused or lost), "unresponsive" (no answer in time:
  // paused, or overloaded).
  std::string role;
  int64_t offset = -1;  // master_repl_offset (master) or slave_repl_offset (replica); -1: none
  std::string master;   // a replica's master "host:port"
  std::string link;     // a replica's master_link_status: "up" / "down"
};

class RoleTracker {
 public:
  // The detail of a "role-change" event if `sample` changes the node's role (the first sample
  // of a node is a change from null), else nothing.
  std::optional<nlohmann::json> observe(const NodeSample& sample);
  // The node stopped being watched (removed replica): it leaves the offsets snapshots.
  void forget(const std::string& node);
  // {"redis-1": 1234, "redis-2": 1200} if any offset changed since the last call, else nothing.
  // Nodes without a known offset (down) are left out.
  std::optional<nlohmann::json> offsets_if_changed();

 private:
  struct NodeState {
    std::string role;
    int64_t offset = -1;
  };
  std::map<std::string, NodeState> nodes_;
  nlohmann::json last_offsets_ = nlohmann::json::object();
};

}  // namespace rrt
