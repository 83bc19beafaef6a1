#include "system/k8s_policy.h"

#include <fmt/format.h>

#include "system/k8s_nodes.h"

namespace rrt {

namespace {

std::string network_lacks(const FaultStep& step, const PartitionCheck& partition_possible) {
  bool isolate = step.verb == "partition" && step.args.is_object() && step.args.contains("isolate");
  if (step.verb == "heal") return "";
  if (!isolate) {
    return "on Kubernetes rrt cuts one pod off from the release's other pods (partition: "
           "{isolate: <target>}); groups, one-way cuts, loss and bandwidth are not built for it";
  }
  return partition_possible();
}

}  // namespace

std::string k8s_lacks(Capability c, const FaultStep& step, const K8sRelease& release,
                      const PartitionCheck& partition_possible) {
  switch (c) {
    case Capability::kPause:
      if (step.duration <= 0)
        return "pause through DEBUG SLEEP ends by itself: give the step a length (for: ...)";
      if (release.debug_command != "no") return "";
      return fmt::format(
          "pause needs DEBUG SLEEP inside the pod, and release {} refuses DEBUG (its ConfigMap "
          "sets no enable-debug-command, and Redis 7 defaults to no): install it with `rrt k8s "
          "values` (enable-debug-command local)",
          release.name);
    case Capability::kReplicaMembership:
      if (!replica_statefulset(release).empty()) return "";
      return fmt::format("release {} has no StatefulSet of replicas to scale", release.name);
    case Capability::kSentinelProcesses:
      return "the sentinels run in the redis pods, one container each: stopping only sentinels is "
             "not built for Kubernetes";
    case Capability::kNetworkLatency:
      return "latency is not built for Kubernetes (a Chaos Mesh delay would do it)";
    case Capability::kNetwork:
      return network_lacks(step, partition_possible);
    default:
      return "";
  }
}

}  // namespace rrt
