// The pods of a Bitnami redis Helm release, read from `kubectl get pods -o json`.
//
// The chart (23.x, tests/data/k8s/README.md) labels every pod app.kubernetes.io/instance=<release>
// and app.kubernetes.io/component:
//   master / replica   architecture "replication" (StatefulSets <fullname>-master and
//                      <fullname>-replicas)
//   node               with sentinel.enabled: each pod runs a "redis" and a "sentinel"
//                      container (StatefulSet <fullname>-node)
// <fullname> is the chart's common.names.fullname: the release name alone when it contains
// "redis", else <release>-redis. rrt never builds a name from that rule: it reads the StatefulSet
// from the pod's owner reference and the headless service from spec.subdomain.
// Sentinel announces pods as <pod>.<headless service>.<namespace>.svc.<cluster domain>.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace rrt {

// How the redis container gets its password, read from the pod's spec (never guessed):
//   kFile  env REDIS_PASSWORD_FILE (auth.usePasswordFiles, the default since chart 20.10), the
//          file mounted from `secret` (key `secret_key`) when the volume is a Secret
//   kEnv   env REDIS_PASSWORD from secretKeyRef `secret` / `secret_key`
//   kNone  no password (ALLOW_EMPTY_PASSWORD=yes)
struct PasswordSource {
  enum Kind { kNone, kEnv, kFile } kind = kNone;
  std::string file;        // kFile: the path in the container
  std::string secret;      // the Secret holding it; empty if the spec names none
  std::string secret_key;  // its key
};

struct K8sPod {
  std::string name;
  std::string ns;  // namespace
  std::string uid;
  std::string ip;     // status.podIP; empty while pending
  std::string phase;  // status.phase: Pending, Running, ...
  std::map<std::string, std::string> labels;
  std::string release;        // app.kubernetes.io/instance
  std::string component;      // master | replica | node
  std::string statefulset;    // the owner StatefulSet, if any
  std::string hostname;       // spec.hostname (the pod name for StatefulSets)
  std::string subdomain;      // spec.subdomain: the headless service
  std::string config_map;     // the ConfigMap mounted as volume "config"
  bool ready = false;         // every container ready
  bool terminating = false;   // metadata.deletionTimestamp is set
  bool has_redis = false;     // a "redis" container
  bool has_sentinel = false;  // a "sentinel" container
  int redis_port = 6379;      // the redis container's port, from the spec
  int sentinel_port = 26379;
  PasswordSource password;  // of the redis container

  // <hostname>.<subdomain>.<ns>.svc.<cluster_domain>: the name Sentinel and replicas announce
  // (useHostnames, the chart's default); the pod IP when the pod has no subdomain.
  std::string announced_host(const std::string& cluster_domain = "cluster.local") const;
};

// Pods of `json` (a List of Pods) of Helm release `release` that run a "redis" container (the
// chart's; other pods of the release are skipped). Throws UsageError naming `source` when
// `json` is not a pod list.
std::vector<K8sPod> parse_pods(const nlohmann::json& json, const std::string& release,
                               const std::string& source);

// One pod object (kubectl get pod NAME -o json), without the release filter.
K8sPod parse_pod(const nlohmann::json& item);

// The pod `host` names: a pod name, a pod IP, or <pod>.<svc>.<ns>.svc.<domain>; null if none.
const K8sPod* pod_for_host(const std::vector<K8sPod>& pods, const std::string& host);

}  // namespace rrt
