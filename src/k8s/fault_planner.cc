#include "k8s/fault_planner.h"

#include <fmt/format.h>

#include "base/errors.h"
#include "k8s/network_policies.h"
#include "k8s/partition_manifests.h"
#include "k8s/pod_redis_cli.h"

namespace rrt {

namespace {

using nlohmann::json;

constexpr int kPingConfirmS = 10;   // a pause shows within this
constexpr int kSafetyMarginS = 60;  // NetworkChaos duration and policy expiry beyond the hold

Probe ping(const std::string& what, const K8sPod& from, const std::string& host, int port,
           Probe::Expect expect, int answer_ms, int deadline_s) {
  return {what, ping_probe(from, host, port, answer_ms), expect, "", deadline_s};
}

Probe self_ping(const K8sPod& pod, Probe::Expect expect, const PlanInput& in, int deadline_s) {
  std::string what = expect == Probe::kAnswers ? fmt::format("{} answers PING again", pod.name)
                                               : fmt::format("{} stops answering PING", pod.name);
  return ping(what, pod, "127.0.0.1", pod.redis_port, expect, in.answer_ms, deadline_s);
}

void plan_kill(const K8sPod& pod, FaultPlan& p) {
  p.summary = fmt::format("delete pod {}; its StatefulSet {} starts a new one", pod.name,
                          pod.statefulset.empty() ? "(none!)" : pod.statefulset);
  p.apply.push_back(
      {{{"delete", "pod", pod.name, "--grace-period=1", "--wait=false"}, ""}, false, ""});
  p.confirm.push_back({fmt::format("pod {} (uid {}) is gone", pod.name, pod.uid),
                       {{"get", "pod", pod.name, "-o", "json"}, ""},
                       Probe::kUidChanged,
                       pod.uid,
                       90});
  p.notes.push_back(
      "the chart's preStop hook runs first: on the master it pauses writes and asks Sentinel for "
      "a failover (prestop-redis.sh), so this is a pod restart with a handover, not a crash");
}

void plan_client_pause(const K8sPod& pod, const PlanInput& in, FaultPlan& p) {
  p.summary = fmt::format("CLIENT PAUSE {} ms ALL on the redis of {}", in.seconds * 1000, pod.name);
  p.apply.push_back(
      {pod_redis_cli(pod, {"CLIENT", "PAUSE", std::to_string(in.seconds * 1000), "ALL"}), false,
       "OK"});
  p.confirm.push_back(self_ping(pod, Probe::kSilent, in, kPingConfirmS));
  p.undo_confirm.push_back(self_ping(pod, Probe::kAnswers, in, in.seconds + 30));
  p.notes.push_back("the pause ends by itself: during it Redis holds CLIENT UNPAUSE too");
}

void plan_pause(const K8sRelease& r, const K8sPod& pod, const PlanInput& in, FaultPlan& p) {
  if (r.debug_command == "no") {
    throw UsageError(fmt::format(
        "pause: the redis of release {} refuses DEBUG (its ConfigMap sets no enable-debug-command, "
        "and Redis 7 defaults to no): install it with `rrt k8s values` (commonConfiguration: "
        "enable-debug-command local), or use client-pause",
        r.name));
  }
  p.summary = fmt::format("DEBUG SLEEP {} on the redis of {}: it answers nobody meanwhile",
                          in.seconds, pod.name);
  p.apply.push_back(
      {pod_redis_cli(pod, {"DEBUG", "SLEEP", std::to_string(in.seconds)}, in.seconds + 60), true,
       "OK"});
  p.confirm.push_back(self_ping(pod, Probe::kSilent, in, kPingConfirmS));
  p.undo_confirm.push_back(self_ping(pod, Probe::kAnswers, in, in.seconds + 30));
}

void plan_scale(const K8sRelease& r, const PlanInput& in, FaultPlan& p) {
  bool known = false;
  for (const auto& pod : r.pods) known = known || pod.statefulset == in.statefulset;
  if (!known) {
    throw UsageError(fmt::format("release {} has no StatefulSet '{}'", r.name, in.statefulset));
  }
  int now = in.facts.current_replicas;
  if (in.replicas < 0 || now < 0) {
    throw UsageError("scale needs --replicas N (and the StatefulSet's current count)");
  }
  std::string sts = "statefulset/" + in.statefulset;
  auto scale = [&](int from, int to) {
    return Step{{{"scale", sts, fmt::format("--current-replicas={}", from),
                  fmt::format("--replicas={}", to)},
                 ""},
                false,
                ""};
  };
  auto ready = [&](int n, int deadline_s) {
    return Probe{fmt::format("{} has {} ready replicas", in.statefulset, n),
                 {{"get", "statefulset", in.statefulset, "-o", "json"}, ""},
                 Probe::kReplicas,
                 std::to_string(n),
                 deadline_s};
  };
  p.target = in.statefulset;
  p.summary = fmt::format("scale {} from {} to {} replicas", in.statefulset, now, in.replicas);
  p.apply.push_back(scale(now, in.replicas));
  p.confirm.push_back(ready(in.replicas, 300));
  p.undo.push_back(scale(in.replicas, now));
  p.undo_confirm.push_back(ready(now, 300));
}

// The pod that confirms a cut: another running pod of the release, with an IP.
const K8sPod& peer_of(const K8sRelease& r, const K8sPod& pod) {
  for (const auto& p : r.pods) {
    if (p.name != pod.name && !p.ip.empty() && p.phase == "Running") return p;
  }
  throw UsageError(
      fmt::format("partition: release {} has no other running pod to confirm the cut of {} from",
                  r.name, pod.name));
}

void plan_partition(const K8sRelease& r, const K8sPod& pod, const PlanInput& in, FaultPlan& p) {
  const ClusterFacts& f = in.facts;
  if (!f.chaos_mesh && !f.pod_policies.empty()) {
    std::string names;
    for (const auto& n : f.pod_policies) names += (names.empty() ? "" : ", ") + n;
    throw UsageError(fmt::format(
        "partition refused: Chaos Mesh is not installed (no networkchaos.chaos-mesh.org), and the "
        "NetworkPolicy {} already selects {}: policies add up, so a policy rrt adds could not cut "
        "anything. Install Chaos Mesh, or reinstall the release with networkPolicy.enabled=false "
        "(as `rrt k8s values` writes) on a network plugin that enforces NetworkPolicies",
        names, pod.name));
  }
  if (pod.ip.empty()) throw UsageError(fmt::format("partition: pod {} has no IP", pod.name));
  const K8sPod& peer = peer_of(r, pod);
  std::string kind = f.chaos_mesh ? "networkchaos" : "networkpolicy";
  PartitionObject o{rrt_object_name(in.run_id, "cut", pod.name), r.name, &pod,
                    in.seconds + kSafetyMarginS, in.now_unix_s + in.seconds + kSafetyMarginS};
  json manifest = f.chaos_mesh ? network_chaos(o) : network_policy(o);
  p.summary = fmt::format("cut {} off from the release's other pods, both ways ({} {})", pod.name,
                          kind, o.name);
  p.apply.push_back({{{"create", "-f", "-"}, manifest.dump(2)}, false, ""});
  if (f.chaos_mesh) {
    p.confirm.push_back({fmt::format("Chaos Mesh reports {} injected", o.name),
                         {{"get", kind, o.name, "-o", "json"}, ""},
                         Probe::kChaosInjected,
                         "",
                         30});
  }
  std::string cut = fmt::format("{} gets no reply from {}", peer.name, pod.name);
  std::string healed = fmt::format("{} reaches {} again", peer.name, pod.name);
  p.confirm.push_back(ping(cut, peer, pod.ip, pod.redis_port, Probe::kCut, in.answer_ms, 30));
  p.undo.push_back({{{"delete", kind, o.name, "--ignore-not-found"}, ""}, false, ""});
  p.undo_confirm.push_back({fmt::format("{} {} is gone", kind, o.name),
                            {{"get", kind, o.name, "-o", "json"}, ""},
                            Probe::kGone,
                            "",
                            60});
  p.undo_confirm.push_back(
      ping(healed, peer, pod.ip, pod.redis_port, Probe::kAnswers, in.answer_ms, 60));
  if (f.chaos_mesh) {
    p.notes.push_back(
        fmt::format("Chaos Mesh heals it by itself after {} s if rrt cannot", o.duration_s));
  } else {
    p.notes.push_back(
        "Chaos Mesh is not installed: using a NetworkPolicy, which cuts only where the network "
        "plugin enforces NetworkPolicies (the confirmation tells); if rrt dies before the undo, "
        "the next `rrt k8s fault` deletes it once its rrt.io/expires-at has passed");
  }
}

}  // namespace

std::string k8s_fault_verbs() {
  return "kill, client-pause, pause, partition, scale";
}

FaultPlan plan_fault(const K8sRelease& r, const PlanInput& in) {
  FaultPlan p;
  p.verb = in.verb;
  if (in.verb == "scale") {
    plan_scale(r, in, p);
    return p;
  }
  if (in.verb != "kill" && in.verb != "client-pause" && in.verb != "pause" &&
      in.verb != "partition") {
    throw UsageError(fmt::format("unknown Kubernetes fault '{}': expected one of {}", in.verb,
                                 k8s_fault_verbs()));
  }
  const K8sPod& pod = r.pod(in.pod);
  p.target = pod.name;
  if ((in.verb == "pause" || in.verb == "client-pause") && in.seconds * 1000 < 2 * in.answer_ms) {
    throw UsageError(fmt::format("{}: --for must be at least {} ms, twice the PING probe's wait",
                                 in.verb, 2 * in.answer_ms));
  }
  if (in.verb == "kill") plan_kill(pod, p);
  if (in.verb == "client-pause") plan_client_pause(pod, in, p);
  if (in.verb == "pause") plan_pause(r, pod, in, p);
  if (in.verb == "partition") plan_partition(r, pod, in, p);
  return p;
}

ClusterFacts gather_facts(const KubectlOptions& kubectl, const K8sRelease& r, const PlanInput& in) {
  ClusterFacts f;
  if (in.verb == "partition") {
    // Discovery, not `get crd`: it needs no cluster-scoped read permission.
    std::string kinds =
        must_kubectl(kubectl, {{"api-resources", "--api-group=chaos-mesh.org", "-o", "name"}, ""});
    f.chaos_mesh = kinds.find("networkchaos.chaos-mesh.org") != std::string::npos;
    if (!f.chaos_mesh) {
      std::string out = must_kubectl(kubectl, {{"get", "networkpolicies", "-o", "json"}, ""});
      f.pod_policies = policies_selecting(json::parse(out, nullptr, false), r.pod(in.pod));
    }
  }
  if (in.verb == "scale" && !in.statefulset.empty()) {
    KubectlResult res =
        run_kubectl(kubectl, {{"get", "statefulset", in.statefulset, "-o", "json"}, ""});
    json sts = json::parse(res.out, nullptr, false);
    if (res.ok() && sts.is_object())
      f.current_replicas = sts.value("spec", json::object()).value("replicas", -1);
  }
  return f;
}

}  // namespace rrt
