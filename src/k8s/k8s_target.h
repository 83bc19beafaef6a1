// A `k8s://[CONTEXT/]NAMESPACE/RELEASE` target (resp/url.h's grammar), split: where `rrt run
// --target k8s://...` finds the release.
#pragma once

#include <string>

namespace rrt {

struct K8sTarget {
  std::string context;  // empty: kubectl's current context
  std::string ns;
  std::string release;
};

// Throws UsageError naming the URL and the expected form for anything else (a user or password
// in it, a missing release, more parts).
K8sTarget parse_k8s_target(const std::string& url);

// "k8s://NAMESPACE/RELEASE": the target as the Job inside the cluster gets it (no context there).
std::string in_cluster_url(const K8sTarget& target);

}  // namespace rrt
