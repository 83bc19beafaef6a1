// What faults know about the system's nodes, whatever runs them: who they are, whether they run
// now, who is master now, and how to reach them. Target words (target.h) are resolved against
// it. A lab answers from its processes; an external target from its discovery and the faults it
// injected; a unit test's fake from memory.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "resp/connection.h"
#include "topo/topology.h"

namespace rrt {

// Sentinel settings faults need (stop-sentinels: how many to stop, how long to wait).
struct SentinelSettings {
  int sentinels = 0;
  int quorum = 0;
  int down_after_ms = 30000;
};

class NodeView {
 public:
  virtual ~NodeView() = default;
  // The nodes now (add-replica / remove-replica change them), with kind and master_name.
  virtual Topology topology() const = 0;
  // False while a node is down (killed, shut down and not back yet).
  virtual bool running(const std::string& node) const = 0;
  // True while a node is frozen (SIGSTOP, DEBUG SLEEP).
  virtual bool paused(const std::string& node) const = 0;
  // The name of the node that is master now (Sentinel's answer, else the node reporting ROLE
  // master); "" if nobody answers as master.
  virtual std::string master() const = 0;
  // Every running, unpaused data node that is master now, by name: a cluster's masters.
  virtual std::vector<std::string> masters() const = 0;
  // AUTH for faults' own connections, with `timeout` as the deadline of each request.
  virtual ConnectOptions connect(Nanos timeout) const = 0;
  virtual SentinelSettings sentinel_settings() const = 0;
};

// The master by Redis's own answers, for NodeView implementations: the sentinels that are up
// (GET-MASTER-ADDR-BY-NAME), else the first data node that is up and reports ROLE master. `up`
// says whether a node can answer. "" if nobody answers.
std::string ask_master(const Topology& topology, const ConnectOptions& connect,
                       const std::function<bool(const std::string&)>& up);
// Every data node that is up and reports ROLE master.
std::vector<std::string> ask_masters(const Topology& topology, const ConnectOptions& connect,
                                     const std::function<bool(const std::string&)>& up);

}  // namespace rrt
