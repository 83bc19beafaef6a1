// A fault the nemesis injects into the system under test: it starts, and later it stops
// (heals, resumes, restarts). Faults act only on nodes rrt started itself, or on targets the user
// explicitly allowed.
//
// Each start/stop returns a JSON object describing what it actually did (which node it hit,
// which pid), which the runner records as an event on the history's clock. A start that hit
// the master (kill, pause, SENTINEL FAILOVER, a partition that cuts it off) sets
// "disrupts_master": true: the failover anatomy checker measures from those.
#pragma once

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "resp/connection.h"
#include "topo/topology.h"

namespace rrt {

class Lab;
class NetworkFaults;

// What faults act on. `lab` is the backend that owns the processes; `network` is null when the
// lab has no network-fault mechanism (plain loopback hosts).
// `topology` and `connect` describe the system for faults that act only through Redis commands
// (FaultVerb::remote); with an external target `lab` is null and only those faults run.
struct FaultContext {
  Lab* lab = nullptr;
  NetworkFaults* network = nullptr;
  Topology topology;
  ConnectOptions connect;
};

class Fault {
 public:
  virtual ~Fault() = default;
  // Verb as written in scenarios: "kill", "pause", "partition", ...
  virtual std::string name() const = 0;
  // Throws EnvironmentError if it could not be applied, UsageError for a bad target.
  virtual nlohmann::json start(FaultContext& ctx) = 0;
  // Undoes start(); returns {} for faults with nothing to undo (e.g. SENTINEL FAILOVER).
  virtual nlohmann::json stop(FaultContext& ctx) = 0;
  // True for network faults, which need FaultContext::network (a netns or proxy lab); the
  // runner refuses a schedule with such a fault on a loopback lab before anything starts.
  virtual bool needs_network() const { return false; }
};

}  // namespace rrt
