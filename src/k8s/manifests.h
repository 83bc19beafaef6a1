// What a user needs to reproduce the workshop on a cluster: Helm values for the Bitnami redis
// chart, and a Job (with its ServiceAccount, Role and RoleBinding) that runs an rrt scenario
// inside the cluster, where the pod addresses Sentinel announces are reachable.
#pragma once

#include <string>

namespace rrt {

struct ValuesOptions {
  std::string exercise = "sentinel";  // sentinel | replication
  int replicas = 3;                   // replica.replicaCount (sentinel: pods of redis-node)
  int quorum = 2;
  int down_after_ms = 5000;
  int failover_timeout_ms = 10000;
  bool persistence = false;
};

// Values YAML for `helm install <release> oci://registry-1.docker.io/bitnamicharts/redis -f -`.
// Throws UsageError for an unknown exercise or out-of-range numbers.
std::string helm_values(const ValuesOptions& options);

struct JobOptions {
  std::string release;  // Helm release of the redis chart
  std::string ns = "default";
  std::string scenario = "sentinel-manual-failover";
  std::string target;  // empty: sentinel://<release>-redis.<ns>.svc...:26379/mymaster
  std::string image = "rrt:latest";
  std::string password_secret;  // empty: <release>-redis (key redis-password)
  bool allow_faults = false;
  int max_rate = 200;
};

// ServiceAccount + Role + RoleBinding + Job, as one multi-document YAML. The password reaches rrt
// only through the Secret (env RRT_PASSWORD). Throws UsageError for a missing release.
std::string job_manifest(const JobOptions& options);

}  // namespace rrt
