// Helm values for the Bitnami redis chart that make rrt's exercises work on today's chart
// (kChartVersion): images that can still be pulled, the settings the faults need, and Sentinel
// timings that make a failover quick. docs/kubernetes.md walks through using them.
#pragma once

#include <string>

namespace rrt {

// The chart version the values, the docs and scripts/k8s-e2e.sh are written for.
inline constexpr const char* kChartVersion = "23.1.1";
// Where that chart version is published.
inline constexpr const char* kChartReference = "oci://registry-1.docker.io/bitnamicharts/redis";

struct ValuesOptions {
  std::string exercise = "sentinel";  // sentinel | replication
  int replicas = 3;                   // replica.replicaCount (sentinel: pods of <fullname>-node)
  int quorum = 2;
  int down_after_ms = 5000;
  int failover_timeout_ms = 10000;
  bool persistence = false;
  std::string debug_command = "local";  // enable-debug-command: local | yes
};

// Values YAML for `helm install <release> <kChartReference> --version <kChartVersion> -f -`.
// Throws UsageError for an unknown exercise or debug setting, or out-of-range numbers.
std::string helm_values(const ValuesOptions& options);

}  // namespace rrt
