// A Bitnami redis Helm release as rrt drives it: its pods, services and configuration, read from
// the Kubernetes API (pods by label, the StatefulSet from owner references, the headless service
// from spec.subdomain, the Sentinel service from the release's services, the master set and the
// DEBUG setting from the ConfigMap the pods mount). No name is built from a naming rule.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "k8s/k8s_pods.h"
#include "k8s/kubectl.h"
#include "topo/topology.h"

namespace rrt {

struct K8sRelease {
  std::string name;
  std::string ns;
  std::string architecture;   // "sentinel" | "replication" | "standalone"
  std::string headless;       // headless service (the pods' spec.subdomain)
  std::string service;        // sentinel: the service with the tcp-sentinel port; else the
                              // master service; empty if the release has none
  int service_port = 0;       // its sentinel (or redis) port
  std::string master_set;     // `sentinel monitor <name>` in the ConfigMap; "mymaster" if unread
  std::string debug_command;  // enable-debug-command in the ConfigMap: "no" (Redis 7's default),
                              // "yes", "local"; empty when no ConfigMap could be read
  std::string cluster_domain = "cluster.local";
  std::vector<K8sPod> pods;

  // The pod with `name`; UsageError listing the release's pods if there is none.
  const K8sPod& pod(const std::string& name) const;
  // The Secret and key holding the password, as the redis containers reference it; empty
  // secret when the release has no password or the spec names no Secret.
  PasswordSource password() const;
  // What rrt run --target points at from inside the cluster (no password in it).
  std::string suggested_target() const;
};

// Builds the release from the API's answers: `pods` (kubectl get pods -l ... -o json),
// `services` (get services -l ... -o json), `config_map` (get configmap NAME -o json, or null).
// Throws UsageError when the release has no pods, naming release, namespace and labels.
K8sRelease describe_release(const std::string& release, const std::string& ns,
                            const nlohmann::json& pods, const nlohmann::json& services,
                            const nlohmann::json& config_map);

// Asks kubectl for the release's pods, services and ConfigMap and describes it.
K8sRelease discover_release(const KubectlOptions& kubectl, const std::string& release,
                            const std::string& cluster_domain = "cluster.local");

// The release as rrt's other layers see a system: one data node per pod (named after the pod,
// reached at its announced host and redis port; role from its component, kReplica for "node"
// pods until someone asks) and, with Sentinel, one sentinel node per pod ("<pod>-sentinel").
Topology release_topology(const K8sRelease& release);

nlohmann::json to_json(const K8sRelease& release);

}  // namespace rrt
