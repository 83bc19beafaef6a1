// The fault seams (fault/node_view.h, fault/node_processes.h) on a deployment rrt did not start,
// with what the wire allows:
//   kill      SHUTDOWN NOSAVE, confirmed when the node stops answering (or answers with a new
//             run_id: its supervisor already restarted it);
//   shutdown  SHUTDOWN (Redis's graceful shutdown), confirmed the same way;
//   restart   nothing to start: waits (at most 30 s) until the deployment's supervisor brought
//             the node back, else an error saying it stayed down;
//   pause     DEBUG SLEEP for the fault's scheduled length (needs enable-debug-command),
//             confirmed when PING gets no answer; resume waits until it answers again.
// Replicas cannot be added or removed over the wire (refused before a run starts).
#pragma once

#include <map>
#include <set>

#include "fault/node_processes.h"
#include "fault/node_view.h"

namespace rrt {

class ExternalNodes final : public NodeView, public NodeProcesses {
 public:
  ExternalNodes(Topology topology, ConnectOptions connect, Clock& clock);

  Topology topology() const override { return topology_; }
  // A node a fault stopped counts as down until it answers PING again.
  bool running(const std::string& node) const override;
  bool paused(const std::string& node) const override;
  std::string master() const override;
  std::vector<std::string> masters() const override;
  ConnectOptions connect(Nanos timeout) const override;
  // Asked from a sentinel (SENTINEL MASTER); Redis's defaults if none answers.
  SentinelSettings sentinel_settings() const override;

  nlohmann::json kill(const std::string& node) override;
  nlohmann::json shutdown(const std::string& node) override;
  nlohmann::json pause(const std::string& node, Nanos hold) override;
  nlohmann::json resume(const std::string& node) override;
  nlohmann::json restart(const std::string& node) override;
  std::string add_replica() override;
  void remove_replica(const std::string& node) override;

  // For a backend that stops or freezes nodes by other means (Kubernetes: a deleted pod, a
  // DEBUG SLEEP run inside it) and shares this view: `node` counts as down until it answers
  // PING again; as paused until the clock reaches `until` or mark_resumed().
  void mark_down(const std::string& node);
  void mark_paused(const std::string& node, Nanos until);
  void mark_resumed(const std::string& node);
  // For a backend that adds and removes nodes by other means (Kubernetes: scaling a
  // StatefulSet): the view's topology gains or loses `node`.
  void add_node(const NodeInfo& node);
  void remove_node(const std::string& node);

 private:
  const NodeInfo& node(const std::string& name) const;
  // True if `name` answers PING within `timeout`.
  bool answers(const std::string& name, Nanos timeout) const;
  nlohmann::json stop_node(const std::string& name, const Args& command);

  Topology topology_;
  ConnectOptions connect_;
  Clock& clock_;
  mutable std::set<std::string> down_;         // stopped by a fault, not seen back yet
  std::map<std::string, Nanos> paused_until_;  // DEBUG SLEEP ends (clock time)
};

// The refusal an external target gives for `pause` when DEBUG is disabled on a data node: asks
// every data node DEBUG HELP (harmless). "" if every one allows DEBUG.
std::string debug_refusal(const Topology& topology, const ConnectOptions& connect);

}  // namespace rrt
