// The pods of a Bitnami redis Helm release, read from `kubectl get pods -o json`.
//
// Bitnami labels every pod with app.kubernetes.io/name=redis and
// app.kubernetes.io/instance=<release>, and app.kubernetes.io/component:
//   master / replica   architecture "replication" (StatefulSets <release>-redis-master and
//                      <release>-redis-replicas)
//   node               architecture "replication" with sentinel.enabled: each pod runs a
//                      "redis" and a "sentinel" container (StatefulSet <release>-redis-node)
// Sentinel announces pods as <pod>.<headless service>.<namespace>.svc.cluster.local.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace rrt {

struct K8sPod {
  std::string name;
  std::string ns;             // namespace
  std::string ip;             // status.podIP; empty while pending
  std::string release;        // app.kubernetes.io/instance
  std::string component;      // master | replica | node
  std::string statefulset;    // the owner StatefulSet, if any
  std::string subdomain;      // spec.subdomain: the headless service
  bool ready = false;         // every container ready
  bool has_sentinel = false;  // a "sentinel" container
  int redis_port = 6379;
  int sentinel_port = 26379;
};

// Pods of `json` (a List of Pods) that belong to Helm release `release` of chart redis.
// Throws UsageError naming `source` when `json` is not a pod list.
std::vector<K8sPod> parse_pods(const nlohmann::json& json, const std::string& release,
                               const std::string& source);

// The pod `host` names: a pod name, a pod IP, or <pod>.<svc>.<ns>.svc.cluster.local; null if none.
const K8sPod* pod_for_host(const std::vector<K8sPod>& pods, const std::string& host);

struct K8sRelease {
  std::string name;
  std::string ns;
  std::string architecture;  // "sentinel" | "replication" | "standalone"
  std::string headless;      // headless service
  std::vector<K8sPod> pods;

  // The pod with `name`; UsageError listing the release's pods if there is none.
  const K8sPod& pod(const std::string& name) const;
  // What rrt run --target should point at from inside the cluster.
  std::string suggested_target(const std::string& master_set = "mymaster") const;
};

// Throws UsageError if the release has no pods (naming the release, namespace and labels).
K8sRelease describe_release(std::vector<K8sPod> pods, const std::string& release,
                            const std::string& ns);

nlohmann::json to_json(const K8sRelease& release);

}  // namespace rrt
