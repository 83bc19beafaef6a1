// Who is the master now: the one rule every part of rrt uses (faults, the lab, external targets,
// the clients' discovery, the CLI).
//
//   1. A topology with sentinels: the address the first sentinel that answers gives for
//      SENTINEL GET-MASTER-ADDR-BY-NAME <master_name> (a sentinel that does not know the name,
//      or does not answer, is skipped).
//   2. Without sentinels, or when none of them answered: the first data node whose ROLE reply
//      says "master", the nodes the topology started as masters asked first (so a switch made
//      by FAILOVER or REPLICAOF is found).
//
// The pure parts below are shared by the blocking find_master and the clients' asynchronous
// discovery (topo/discovery_async.h), which, as a Sentinel client library does, stops after
// step 1 when there are sentinels.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "resp/command.h"
#include "resp/connection.h"
#include "resp/reply.h"
#include "topo/topology.h"

namespace rrt {

// SENTINEL GET-MASTER-ADDR-BY-NAME <master_name>.
Args master_addr_command(const std::string& master_name);
// The address in a GET-MASTER-ADDR-BY-NAME reply; nothing for nil or a malformed reply.
std::optional<Endpoint> master_addr_of(const Reply& reply);
// True if a ROLE reply says "master".
bool role_says_master(const Reply& reply);
// The data nodes to ask in step 2, in order: the topology's masters, then its replicas and
// cluster nodes (sentinels and proxies never).
std::vector<Endpoint> master_candidates(const Topology& topology);

// The rule above, each question with options.timeout. Nothing if no node answered as master.
std::optional<Endpoint> find_master(const Topology& topology, const ConnectOptions& options);
// find_master, or EnvironmentError "no node answers as master" naming whom it asked.
Endpoint must_find_master(const Topology& topology, const ConnectOptions& options);

}  // namespace rrt
