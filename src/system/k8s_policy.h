// What a run against a Kubernetes release can do (docs/kubernetes.md), as far as can be told
// from the release itself: kill (pod delete), shutdown, restart (the StatefulSet's), commands,
// pause where the release allows DEBUG, replicas added and removed by scaling their StatefulSet,
// and partitions that isolate one pod where Chaos Mesh or an effective NetworkPolicy can cut it.
// The rest is refused with what would make it possible.
#pragma once

#include <functional>
#include <string>

#include "fault/capability.h"
#include "k8s/k8s_release.h"
#include "scenario/scenario.h"

namespace rrt {

// "" if a partition of one of `release`'s pods can take effect, else why not (from the fault
// planner). Asks the cluster through kubectl.
using PartitionCheck = std::function<std::string()>;

// "" if `step` can get `capability` on `release`, else why not and what would.
std::string k8s_lacks(Capability capability, const FaultStep& step, const K8sRelease& release,
                      const PartitionCheck& partition_possible);

}  // namespace rrt
