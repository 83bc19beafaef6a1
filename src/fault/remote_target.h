// Target words (fault/target.h) resolved through Redis commands alone, without process handles:
// what remote faults (FaultVerb::remote) use, on a lab or on an external deployment.
//   master            the sentinels' answer (GET-MASTER-ADDR-BY-NAME), or without sentinels the
//                     data node that reports role:master
//   replica           the first data node, by name, that reports role:slave
//   sentinel          the first sentinel that answers PING
//   <node name>       that node of the topology
#pragma once

#include <string>

#include "fault/target.h"
#include "resp/connection.h"
#include "topo/topology.h"

namespace rrt {

// Every request has `connect.timeout` as its deadline. Throws EnvironmentError when no node has
// the role, UsageError for an unknown word or node name.
TargetNode resolve_remote_target(const Topology& topology, const ConnectOptions& connect,
                                 const std::string& word);

// Sends `args` to `node`; returns the reply text (status or bulk). Throws EnvironmentError naming
// the node and the command if it does not answer or answers with an error.
std::string remote_call(const TargetNode& node, const ConnectOptions& connect, const Args& args);

}  // namespace rrt
