// What a fault needs from the system under test (Jepsen's db/Kill, db/Pause idea): each fault
// declares its needs, each backend says which it lacks and what would make them possible, and
// a scenario needing one its backend lacks is refused before anything starts
// (system/fault_support.h).
#pragma once

#include <string>
#include <vector>

namespace rrt {

enum class Capability {
  kKill,               // stop a node abruptly (NodeProcesses::kill)
  kShutdown,           // stop a node gracefully (NodeProcesses::shutdown)
  kPause,              // freeze a node and let it go on later (NodeProcesses::pause / resume)
  kRestart,            // start a node that is not running (NodeProcesses::restart)
  kReplicaMembership,  // add and remove replicas (NodeProcesses::add_replica / remove_replica)
  kSentinelProcesses,  // stop sentinels and start them again (NodeProcesses on sentinels)
  kNetwork,            // partitions, cuts, loss, bandwidth (NetworkFaults)
  kNetworkLatency,     // NetworkFaults::latency
  kCommands,           // Redis/Sentinel commands only (NodeView::connect)
};

// "kill", "pause", "network", ... for messages.
const char* capability_name(Capability c);

}  // namespace rrt
