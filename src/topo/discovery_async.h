// Finding the master and the replicas from a client's event loop, the way a Sentinel-aware
// client does: ask the sentinels (each request with a deadline), never block the loop.
// discover_master follows the rule of topo/master.h (its pure parts are shared), except that, as
// a Sentinel client library, it does not fall back to asking the data nodes when no sentinel
// answers, and on topologies whose master does not move by itself (standalone, cluster, proxy)
// it takes the topology's master without asking.
#pragma once

#include <asio/awaitable.hpp>
#include <optional>
#include <vector>

#include "resp/connection.h"
#include "topo/topology.h"

namespace rrt {

// The master's address from the first sentinel that answers SENTINEL GET-MASTER-ADDR-BY-NAME
// within `timeout`; nothing if none does.
asio::awaitable<std::optional<Endpoint>> discover_master(const Topology& topology,
                                                         ConnectOptions options, Nanos timeout);

// Replicas the first answering sentinel considers healthy (SENTINEL REPLICAS without s_down,
// o_down or disconnected flags and with master-link-status ok); empty if none answers.
asio::awaitable<std::vector<Endpoint>> discover_replicas(const Topology& topology,
                                                         ConnectOptions options, Nanos timeout);

}  // namespace rrt
