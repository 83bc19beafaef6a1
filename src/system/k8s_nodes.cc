#include "system/k8s_nodes.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/duration.h"
#include "base/errors.h"
#include "base/wait.h"
#include "k8s/k8s_release.h"
#include "resp/sync_client.h"
#include "topo/ask.h"

namespace rrt {

namespace {

using nlohmann::json;

constexpr Nanos kPodBack = 180 * kSeconds;  // a replaced pod: scheduled, started, ready

int whole_seconds(Nanos hold) {
  return static_cast<int>(std::max<Nanos>((hold + kSeconds - 1) / kSeconds, 1));
}

// The last kubectl line of `log` (what failed, when an undo was not confirmed); "" if none.
std::string last_line(const std::vector<std::string>& log) {
  return log.empty() ? "" : log.back();
}

std::string sentinel_of(const std::string& pod) {
  return pod + "-sentinel";
}

}  // namespace

Topology name_nodes_after_pods(Topology t, const std::vector<K8sPod>& pods) {
  for (auto& n : t.nodes) {
    const K8sPod* pod = pod_for_host(pods, n.endpoint.host);
    if (!pod) continue;
    n.name = n.role == Role::kSentinel ? sentinel_of(pod->name) : pod->name;
  }
  return t;
}

K8sNodes::K8sNodes(K8sNodesOptions options, Topology topology, ConnectOptions connect, Clock& clock)
    : options_(std::move(options)),
      wire_(std::move(topology), std::move(connect), clock),
      clock_(clock),
      executor_(
          options_.kubectl,
          [&clock](Nanos d) {
            clock.sleep_for(d);
            return false;
          },
          [this](const std::string& line) { log_.push_back(line); }) {}

std::string K8sNodes::pod_of(const std::string& node) const {
  Topology t = wire_.topology();
  const NodeInfo* n = t.find(node);
  if (!n) throw UsageError(fmt::format("no node named '{}' in release {}", node, options_.release));
  std::string name = n->name;
  if (n->role == Role::kSentinel && name.ends_with("-sentinel")) {
    name.resize(name.size() - std::string("-sentinel").size());
  }
  return name;
}

json K8sNodes::apply(const std::string& verb, const std::string& pod, Nanos hold, int* id) {
  K8sRelease release =
      discover_release(options_.kubectl, options_.release, options_.cluster_domain);
  PlanInput in;
  in.verb = verb;
  in.pod = pod;
  in.seconds = whole_seconds(hold);
  in.run_id = options_.run_id;
  in.now_unix_s = wall_ns() / kSeconds;
  in.facts = gather_facts(options_.kubectl, release, in);
  FaultPlan plan = plan_fault(release, in);
  size_t first = log_.size();
  *id = executor_.apply(plan);  // throws after undoing what did not take effect
  json detail = {{"pod", pod}, {"plan", plan.summary}};
  if (release.pod(pod).has_sentinel) {
    detail["shares_pod_with"] = sentinel_of(pod);
  }
  detail["kubectl"] = std::vector<std::string>(log_.begin() + first, log_.end());
  return detail;
}

json K8sNodes::kill(const std::string& node) {
  std::string pod = pod_of(node);
  int id = 0;
  Nanos begin = clock_.now();
  json detail = apply("kill", pod, 0, &id);
  wire_.mark_down(node);
  if (wire_.topology().find(sentinel_of(pod))) wire_.mark_down(sentinel_of(pod));
  detail["confirmed_after_ms"] = (clock_.now() - begin) / kMillis;
  return detail;
}

json K8sNodes::shutdown(const std::string& node) {
  return wire_.shutdown(node);
}

json K8sNodes::restart(const std::string& node) {
  Nanos begin = clock_.now();
  if (!wait_until(clock_, kPodBack, 200 * kMillis, [&] { return wire_.running(node); })) {
    throw EnvironmentError(fmt::format(
        "{} stayed down: its pod did not answer PING within {} of the fault's end (kubectl get "
        "pod {} and its events say why)",
        node, format_duration(kPodBack), pod_of(node)));
  }
  return {{"back_after_ms", (clock_.now() - begin) / kMillis}, {"pod", pod_of(node)}};
}

json K8sNodes::pause(const std::string& node, Nanos hold) {
  if (hold <= 0) {
    throw UsageError("pause on Kubernetes needs a length (`for:`): DEBUG SLEEP ends by itself");
  }
  int id = 0;
  json detail = apply("pause", pod_of(node), hold, &id);
  pauses_[node] = id;
  wire_.mark_paused(node, clock_.now() + hold);
  return detail;
}

json K8sNodes::resume(const std::string& node) {
  auto it = pauses_.find(node);
  if (it == pauses_.end()) return {{"resumed", false}};
  Nanos begin = clock_.now();
  size_t first = log_.size();
  bool ok = executor_.undo(it->second);
  pauses_.erase(it);
  wire_.mark_resumed(node);
  std::vector<std::string> lines(log_.begin() + first, log_.end());
  if (!ok) {
    throw EnvironmentError(
        fmt::format("{} did not come back from its DEBUG SLEEP: {}", node, last_line(lines)));
  }
  return {{"answered_after_ms", (clock_.now() - begin) / kMillis}, {"kubectl", lines}};
}

std::string replica_statefulset(const K8sRelease& release) {
  for (const auto& p : release.pods) {
    if ((p.component == "node" || p.component == "replica") && !p.statefulset.empty())
      return p.statefulset;
  }
  return "";
}

Endpoint K8sNodes::address_of(const K8sRelease& release, const K8sPod& pod, int port) const {
  for (const auto& n : wire_.topology().nodes) {
    const K8sPod* p = pod_for_host(release.pods, n.endpoint.host);
    if (p && n.endpoint.host == p->ip) return {pod.ip, port};
  }
  return {pod.announced_host(options_.cluster_domain), port};
}

std::string K8sNodes::add_replica() {
  K8sRelease before = discover_release(options_.kubectl, options_.release, options_.cluster_domain);
  PlanInput in;
  in.verb = "scale";
  in.statefulset = replica_statefulset(before);
  in.facts = gather_facts(options_.kubectl, before, in);
  in.replicas = in.facts.current_replicas + 1;
  int id = executor_.apply(plan_fault(before, in));
  std::string pod = fmt::format("{}-{}", in.statefulset, in.facts.current_replicas);
  K8sRelease now = discover_release(options_.kubectl, options_.release, options_.cluster_domain);
  const K8sPod& p = now.pod(pod);
  Endpoint at = address_of(now, p, p.redis_port);
  wire_.add_node({pod, Role::kReplica, at, ""});
  if (p.has_sentinel) {
    wire_.add_node({sentinel_of(pod), Role::kSentinel, address_of(now, p, p.sentinel_port), ""});
  }
  scaled_[pod] = id;
  bool linked = wait_until(clock_, kPodBack, 200 * kMillis, [&] {
    CallResult r = ask(at, {"INFO", "replication"}, wire_.connect(kSeconds));
    return r.ok() && info_field(r.reply.str(), "master_link_status") == "up";
  });
  if (!linked) {
    throw EnvironmentError(fmt::format("{}: the new pod {} did not sync with the master within {}",
                                       in.statefulset, pod, format_duration(kPodBack)));
  }
  return pod;
}

void K8sNodes::remove_replica(const std::string& node) {
  auto it = scaled_.find(node);
  if (it == scaled_.end()) {
    throw UsageError(fmt::format(
        "{}: on Kubernetes rrt removes only the replicas its run added (by scaling back)", node));
  }
  bool ok = executor_.undo(it->second);
  scaled_.erase(it);
  Topology t = wire_.topology();
  wire_.remove_node(node);
  if (t.find(sentinel_of(node))) wire_.remove_node(sentinel_of(node));
  // Sentinels never forget a replica (or a sentinel) on their own: RESET makes them rediscover.
  for (const auto& s : wire_.topology().with_role(Role::kSentinel)) {
    ask(s.endpoint, {"SENTINEL", "RESET", t.master_name}, wire_.connect(kSeconds));
  }
  if (!ok) {
    throw EnvironmentError(
        fmt::format("scaling back after {} was not confirmed: {}", node, last_line(log_)));
  }
}

void K8sNodes::partition(const std::vector<std::vector<std::string>>& groups) {
  std::vector<std::string> pods;
  if (groups.size() == 2) {
    for (const auto& n : groups[0]) pods.push_back(pod_of(n));
    std::sort(pods.begin(), pods.end());
    pods.erase(std::unique(pods.begin(), pods.end()), pods.end());
  }
  if (pods.size() != 1) {
    throw UsageError(
        "on Kubernetes a partition cuts one pod off from the release's other pods: write "
        "partition: {isolate: <target>}");
  }
  int id = 0;
  apply("partition", pods.front(), options_.longest_partition, &id);
  cuts_.push_back(id);
}

void K8sNodes::cut_one_way(const std::string&, const std::string&) {
  throw UsageError("one-way cuts are not built for Kubernetes (only partition: {isolate: ...})");
}

void K8sNodes::loss(const std::string&, double) {
  throw UsageError("packet loss is not built for Kubernetes (only partition: {isolate: ...})");
}

void K8sNodes::bandwidth(const std::string&, int) {
  throw UsageError("bandwidth caps are not built for Kubernetes (only partition: {isolate: ...})");
}

void K8sNodes::latency(const std::string&, Nanos, Nanos) {
  throw UsageError("latency is not built for Kubernetes (only partition: {isolate: ...})");
}

void K8sNodes::heal() {
  int failed = 0;
  for (auto it = cuts_.rbegin(); it != cuts_.rend(); ++it) failed += executor_.undo(*it) ? 0 : 1;
  cuts_.clear();
  if (failed) {
    throw EnvironmentError(
        fmt::format("{} partition(s) not confirmed healed: {}", failed, last_line(log_)));
  }
}

}  // namespace rrt
