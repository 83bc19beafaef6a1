// The fault seams (fault/node_view.h, fault/node_processes.h, net/network_faults.h) on a Bitnami
// redis release, from inside the cluster: faults become kubectl plans (k8s/fault_planner.h), run
// and confirmed by a PlanExecutor (k8s/plan_executor.h), undone newest-first at the latest when
// this object goes. What the nodes are and who is master comes from Redis and Sentinel over the
// wire, as on any external target (system/external_nodes.h).
//
//   kill      delete the node's pod (--grace-period=1), confirmed when the pod's UID changed;
//             restart waits (at most 3 min) until the pod its StatefulSet made answers PING
//   shutdown  SHUTDOWN over the wire, confirmed by the node going silent; the container restarts
//   pause     DEBUG SLEEP run by redis-cli inside the pod (enable-debug-command local suffices),
//             confirmed when PING inside the pod gets no reply; resume waits for the reply
//   add-replica  scale the replicas' StatefulSet up by one, confirmed by its ready replicas;
//             returns the new pod once its replication link is up. remove-replica scales back
//             (only what this run added, newest first) and makes the sentinels forget it
//             (SENTINEL RESET)
//   network   one pod cut off from the release's other pods, both ways (partition with
//             `isolate`): a Chaos Mesh NetworkChaos, else a NetworkPolicy where one can take
//             effect; confirmed from a peer pod; heal deletes it and confirms the peer gets
//             through again. Other network faults throw UsageError (the run refuses them first)
//
// A Bitnami pod holds a redis and a sentinel container: a fault on the pod hits both; the
// fault's details say so. Pods are read again before each fault (UIDs and IPs change when a
// StatefulSet replaces a pod). Node names are pod names ("redis-node-0") and "<pod>-sentinel".
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/clock.h"
#include "fault/node_processes.h"
#include "fault/node_view.h"
#include "k8s/fault_planner.h"
#include "k8s/plan_executor.h"
#include "net/network_faults.h"
#include "system/external_nodes.h"

namespace rrt {

struct K8sNodesOptions {
  KubectlOptions kubectl;
  std::string release;
  std::string cluster_domain = "cluster.local";
  std::string run_id;  // names the objects rrt creates (rrt-<run_id>-cut-<pod>)
  // How long a partition may last at most (the run's length): Chaos Mesh heals a NetworkChaos
  // by itself a minute after it, and a NetworkPolicy expires then (the safety nets).
  Nanos longest_partition = 10 * 60 * kSeconds;
};

class K8sNodes final : public NodeView, public NodeProcesses, public NetworkFaults {
 public:
  K8sNodes(K8sNodesOptions options, Topology topology, ConnectOptions connect, Clock& clock);

  Topology topology() const override { return wire_.topology(); }
  bool running(const std::string& node) const override { return wire_.running(node); }
  bool paused(const std::string& node) const override { return wire_.paused(node); }
  std::string master() const override { return wire_.master(); }
  std::vector<std::string> masters() const override { return wire_.masters(); }
  ConnectOptions connect(Nanos timeout) const override { return wire_.connect(timeout); }
  SentinelSettings sentinel_settings() const override { return wire_.sentinel_settings(); }

  nlohmann::json kill(const std::string& node) override;
  nlohmann::json shutdown(const std::string& node) override;
  nlohmann::json pause(const std::string& node, Nanos hold) override;
  nlohmann::json resume(const std::string& node) override;
  nlohmann::json restart(const std::string& node) override;
  std::string add_replica() override;
  void remove_replica(const std::string& node) override;

  std::string mechanism() const override { return "kubectl"; }
  // Only {one pod's nodes} against {everyone else}: what `partition: {isolate: X}` makes.
  void partition(const std::vector<std::vector<std::string>>& groups) override;
  void cut_one_way(const std::string& from, const std::string& to) override;
  void loss(const std::string& node, double percent) override;
  void bandwidth(const std::string& node, int kbit_per_s) override;
  void latency(const std::string& node, Nanos delay, Nanos jitter) override;
  void heal() override;

  // Undoes whatever is still applied, newest first; returns how many undos were not confirmed.
  int undo_all() { return executor_.undo_all(); }
  // Every kubectl command and confirmation so far, in order.
  const std::vector<std::string>& log() const { return log_; }

 private:
  // The pod a node of the topology lives in; UsageError when none does.
  std::string pod_of(const std::string& node) const;
  // Plans `verb` on `pod` against the release as it is now, applies and confirms it. Returns the
  // fault's detail (pod, what the plan did, the kubectl commands) and its id in `id`.
  nlohmann::json apply(const std::string& verb, const std::string& pod, Nanos hold, int* id);

  K8sNodesOptions options_;
  ExternalNodes wire_;
  Clock& clock_;
  std::vector<std::string> log_;  // every kubectl command and confirmation, in order
  PlanExecutor executor_;
  // Where the new pod is reached: like the nodes discovered (by IP if they are, else by the
  // name Sentinel announces).
  Endpoint address_of(const K8sRelease& release, const K8sPod& pod, int port) const;

  std::map<std::string, int> pauses_;  // node -> plan id
  std::map<std::string, int> scaled_;  // pod added by add_replica -> scale plan id
  std::vector<int> cuts_;              // partition plan ids
};

// The StatefulSet whose pods are the release's replicas (component node or replica); "" if none.
std::string replica_statefulset(const K8sRelease& release);

// Renames the nodes of a topology discovered over the wire after the pods they live in: data
// nodes "<pod>", sentinels "<pod>-sentinel" (k8s/k8s_release.h release_topology's names).
// Nodes no pod has keep their names.
Topology name_nodes_after_pods(Topology topology, const std::vector<K8sPod>& pods);

}  // namespace rrt
