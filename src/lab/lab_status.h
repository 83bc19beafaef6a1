// What `rrt lab status` shows: each node of a lab as it is right now.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace rrt {

// One row per node: name, address, role (as the node reports it now), pid, state
// (running / paused / down), replication offset, lag behind the master (bytes), link state.
// Sentinels add the master they currently see and how many other sentinels they know.
// Cluster nodes add their slots, config epoch, node id and the name of the master they replicate
// ("replica_of"), from their own CLUSTER NODES line.
nlohmann::json lab_status(const nlohmann::json& record);

// Shell export lines for URL_M (current master), URL_R (first replica) and URL_S (first sentinel);
// for a cluster also URL_C, a comma-separated list of every node (seeds for a cluster client);
// for a proxy lab URL_P, the twemproxy address.
std::string lab_exports(const nlohmann::json& record);

}  // namespace rrt
