// The objects that cut one pod of a release off from the release's other pods, both ways, while
// every other pod (the rrt client Job included) still reaches it: the split Sentinel is built for.
//   Chaos Mesh NetworkChaos  action partition, direction both, selector: the pod; target: the
//                            release's pods but that one; `duration` as a safety net, so the cut
//                            heals by itself if rrt dies before it can delete the object
//   NetworkPolicy            selects the pod; admits ingress from and egress to every pod that is
//                            not of the release (same namespace) and every pod of other
//                            namespaces; so the release's other pods are the only ones cut.
//                            Takes effect only where no other policy selects the pod and the
//                            network plugin enforces policies. Has no expiry of its own: the
//                            annotation rrt.io/expires-at lets the next rrt delete it.
// Both are labelled app.kubernetes.io/managed-by=rrt, and written as JSON for `kubectl create -f
// -`.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "k8s/k8s_pods.h"

namespace rrt {

struct PartitionObject {
  std::string name;     // rrt-<run id>-cut-<pod>, at most 63 characters
  std::string release;  // app.kubernetes.io/instance of the release
  const K8sPod* pod = nullptr;
  int duration_s = 0;        // NetworkChaos: when Chaos Mesh heals it by itself
  long long expires_at = 0;  // NetworkPolicy: Unix seconds after which rrt may delete it
};

nlohmann::json network_chaos(const PartitionObject& object);
nlohmann::json network_policy(const PartitionObject& object);

// "rrt-<run_id>-<what>-<pod>", cut to the 63 characters of a Kubernetes name.
std::string rrt_object_name(const std::string& run_id, const std::string& what,
                            const std::string& pod);

}  // namespace rrt
