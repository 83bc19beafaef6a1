#include "k8s/fault_planner.h"

#include <fmt/format.h>

#include "base/errors.h"

namespace rrt {

namespace {

// kubectl exec <pod> -c redis -- sh -c 'REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli <command>'.
KubectlCall redis_cli(const K8sPod& pod, const std::string& command, bool background) {
  std::string script =
      fmt::format("REDISCLI_AUTH=\"$REDIS_PASSWORD\" redis-cli -p {} {}", pod.redis_port, command);
  if (background) script = "nohup " + script + " >/dev/null 2>&1 &";
  return {{"exec", pod.name, "-c", "redis", "--", "sh", "-c", script}, ""};
}

std::string object_name(const PlanInput& in, const std::string& pod) {
  return fmt::format("rrt-{}-isolate-{}", in.run_id, pod);
}

std::string network_policy(const K8sRelease& r, const std::string& name, const K8sPod& pod) {
  return fmt::format(
      "apiVersion: networking.k8s.io/v1\n"
      "kind: NetworkPolicy\n"
      "metadata:\n  name: {}\n  namespace: {}\n  labels:\n    app.kubernetes.io/managed-by: rrt\n"
      "spec:\n"
      "  podSelector:\n    matchLabels:\n      statefulset.kubernetes.io/pod-name: {}\n"
      "  policyTypes: [Ingress, Egress]\n"
      "  ingress: []\n  egress: []\n",
      name, r.ns, pod.name);
}

std::string network_chaos(const K8sRelease& r, const std::string& name, const K8sPod& pod) {
  return fmt::format(
      "apiVersion: chaos-mesh.org/v1alpha1\n"
      "kind: NetworkChaos\n"
      "metadata:\n  name: {}\n  namespace: {}\n  labels:\n    app.kubernetes.io/managed-by: rrt\n"
      "spec:\n"
      "  action: partition\n  mode: all\n  direction: both\n"
      "  selector:\n    pods:\n      {}: [{}]\n"
      "  target:\n    mode: all\n    selector:\n      namespaces: [{}]\n"
      "      labelSelectors:\n        app.kubernetes.io/instance: {}\n",
      name, r.ns, r.ns, pod.name, r.ns, r.name);
}

FaultPlan plan_partition(const K8sRelease& r, const PlanInput& in) {
  const K8sPod& pod = r.pod(in.pod);
  std::string name = object_name(in, pod.name);
  FaultPlan p;
  std::string kind = in.chaos_mesh ? "networkchaos" : "networkpolicy";
  p.summary = fmt::format("isolate {} from every other pod ({} {})", pod.name, kind, name);
  std::string manifest = in.chaos_mesh ? network_chaos(r, name, pod) : network_policy(r, name, pod);
  p.apply.push_back({{"apply", "-f", "-"}, manifest});
  p.undo.push_back({{"delete", kind, name, "--ignore-not-found"}, ""});
  if (!in.chaos_mesh) {
    p.notes.push_back(
        "Chaos Mesh is not installed (no networkchaos.chaos-mesh.org CRD): using a NetworkPolicy, "
        "which only works if the cluster's CNI enforces NetworkPolicies, and may leave "
        "established connections open");
  }
  return p;
}

FaultPlan plan_scale(const K8sRelease& r, const PlanInput& in) {
  bool known = false;
  for (const auto& p : r.pods) known = known || p.statefulset == in.statefulset;
  if (!known) {
    throw UsageError(fmt::format("release {} has no StatefulSet '{}'", r.name, in.statefulset));
  }
  if (in.replicas < 0 || in.current_replicas < 0) {
    throw UsageError("scale needs --replicas N (and the StatefulSet's current count)");
  }
  std::string sts = "statefulset/" + in.statefulset;
  FaultPlan p;
  p.summary = fmt::format("scale {} from {} to {} replicas", in.statefulset, in.current_replicas,
                          in.replicas);
  p.apply.push_back({{"scale", sts, fmt::format("--replicas={}", in.replicas)}, ""});
  p.undo.push_back({{"scale", sts, fmt::format("--replicas={}", in.current_replicas)}, ""});
  return p;
}

}  // namespace

std::string k8s_fault_verbs() {
  return "kill, client-pause, pause, partition, scale";
}

FaultPlan plan_fault(const K8sRelease& r, const PlanInput& in) {
  if (in.verb == "scale") return plan_scale(r, in);
  if (in.verb == "partition") return plan_partition(r, in);
  if (in.verb != "kill" && in.verb != "client-pause" && in.verb != "pause") {
    throw UsageError(fmt::format("unknown Kubernetes fault '{}': expected one of {}", in.verb,
                                 k8s_fault_verbs()));
  }
  const K8sPod& pod = r.pod(in.pod);
  FaultPlan p;
  if (in.verb == "kill") {
    p.summary = fmt::format("delete pod {} at once; its StatefulSet starts a new one", pod.name);
    p.apply.push_back(
        {{"delete", "pod", pod.name, "--grace-period=0", "--force", "--wait=false"}, ""});
  } else if (in.verb == "client-pause") {
    p.summary = fmt::format("CLIENT PAUSE the redis of {} for {} s", pod.name, in.seconds);
    p.apply.push_back(redis_cli(pod, fmt::format("CLIENT PAUSE {} ALL", in.seconds * 1000), false));
    p.notes.push_back("the pause ends by itself: during it Redis holds CLIENT UNPAUSE too");
  } else {
    p.summary = fmt::format("block the redis of {} for {} s (DEBUG SLEEP)", pod.name, in.seconds);
    p.apply.push_back(redis_cli(pod, fmt::format("DEBUG SLEEP {}", in.seconds), true));
    p.notes.push_back("DEBUG SLEEP needs enable-debug-command yes (Redis 7 refuses it by default)");
  }
  return p;
}

}  // namespace rrt
