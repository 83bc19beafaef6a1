// Client hosts for a scenario's workload clients: with topology client_hosts: N on a netns lab,
// "client-1".."client-N" are added to the lab's network (each its own namespace, a target of
// partitions like any node), and the workloads' clients are spread over them round-robin.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "resp/connection.h"

namespace rrt {

class Lab;

// Adds the lab's client hosts (lab.spec().client_hosts; none: returns empty) and returns, per
// host, `base` with a socket hook that opens sockets in that host's namespace. `detail` gets
// {"client_hosts": [{"name", "netns", "address"}...], "placement": "..."} for events.jsonl.
// Call after lab.start(). Throws EnvironmentError if a host cannot be created.
std::vector<ConnectOptions> add_client_hosts(Lab& lab, const ConnectOptions& base,
                                             nlohmann::json* detail);

}  // namespace rrt
