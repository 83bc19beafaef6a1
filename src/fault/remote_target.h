// Sending one Redis command to a fault's target node, for faults that act through commands.
#pragma once

#include <string>

#include "fault/target.h"
#include "resp/connection.h"

namespace rrt {

// Sends `args` to `node`; returns the reply text (status or bulk). `connect.timeout` is the
// deadline of the connection and of the reply. Throws EnvironmentError naming the node and the
// command if it does not answer or answers with an error.
std::string remote_call(const TargetNode& node, const ConnectOptions& connect, const Args& args);

}  // namespace rrt
