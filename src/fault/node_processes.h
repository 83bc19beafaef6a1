// Faults on nodes' processes, whatever carries them out (Jepsen's db/Kill and db/Pause): a lab
// signals the processes it started (SIGKILL, SIGTERM, SIGSTOP/SIGCONT); an external target uses
// what the wire allows (SHUTDOWN NOSAVE and the deployment's supervisor, DEBUG SLEEP). Which of
// these a backend really has is its answer to SystemUnderTest::lacks (capability.h).
//
// Every call returns details for the fault's event ({"pid": ..}, {"command": ..}, how long the
// effect took) and throws EnvironmentError when the effect could not be confirmed: a fault that
// did not take effect is an error in the run, never "applied". Node names are the topology's;
// UsageError for an unknown one.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "base/clock.h"

namespace rrt {

class NodeProcesses {
 public:
  virtual ~NodeProcesses() = default;
  // Stops `node` abruptly (no persistence on the way out).
  virtual nlohmann::json kill(const std::string& node) = 0;
  // Stops `node` the way an operator would (Redis's graceful shutdown).
  virtual nlohmann::json shutdown(const std::string& node) = 0;
  // Freezes `node`; `hold` is how long the fault is scheduled to last (0: until resume()).
  virtual nlohmann::json pause(const std::string& node, Nanos hold) = 0;
  // Ends a pause; returns once the node answers again.
  virtual nlohmann::json resume(const std::string& node) = 0;
  // Brings a stopped node back (a lab starts it; a supervised deployment's node comes back by
  // itself and this waits for it); returns once it answers.
  virtual nlohmann::json restart(const std::string& node) = 0;
  // Adds a replica of the current master; returns its name once its link is up. Must run on
  // the thread that owns the processes (the main thread).
  virtual std::string add_replica() = 0;
  // Removes replica `node` for good (and makes the sentinels forget it).
  virtual void remove_replica(const std::string& node) = 0;
};

struct FaultContext;

// ctx.processes, or UsageError naming `verb` when the backend has none (the run refuses such a
// scenario before it starts, so this is a guard).
NodeProcesses& processes_of(FaultContext& ctx, const std::string& verb);

}  // namespace rrt
