#include "fault/capability.h"

namespace rrt {

const char* capability_name(Capability c) {
  switch (c) {
    case Capability::kKill:
      return "kill";
    case Capability::kShutdown:
      return "shutdown";
    case Capability::kPause:
      return "pause";
    case Capability::kRestart:
      return "restart";
    case Capability::kReplicaMembership:
      return "replica membership";
    case Capability::kSentinelProcesses:
      return "sentinel processes";
    case Capability::kNetwork:
      return "network faults";
    case Capability::kNetworkLatency:
      return "network latency";
    case Capability::kCommands:
      return "Redis commands";
  }
  return "?";
}

}  // namespace rrt
