// Client hosts for a scenario's workload clients: with topology client_hosts: N on a netns or
// proxy lab, "client-1".."client-N" are added to the lab's network (netns: each its own
// namespace; proxy: each its own loopback source address), a target of partitions like any
// node, and the workloads' clients are spread over them round-robin.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "resp/connection.h"

namespace rrt {

class Lab;

// Adds the lab's client hosts (lab.spec().client_hosts; none: returns empty) and returns, per
// host, `base` with a socket hook that opens sockets on that host (in its namespace, or bound
// to its source address). `detail` gets
// {"client_hosts": [{"name", "netns", "address"}...], "placement": "..."} for events.jsonl.
// Call after lab.start(). Throws EnvironmentError if a host cannot be created.
std::vector<ConnectOptions> add_client_hosts(Lab& lab, const ConnectOptions& base,
                                             nlohmann::json* detail);

}  // namespace rrt
