#include "k8s/k8s_pods.h"

#include <fmt/format.h>

#include "base/errors.h"

namespace rrt {

namespace {

std::string label(const nlohmann::json& meta, const char* key) {
  const auto& labels = meta.value("labels", nlohmann::json::object());
  return labels.value(key, "");
}

std::string owner_statefulset(const nlohmann::json& meta) {
  for (const auto& o : meta.value("ownerReferences", nlohmann::json::array())) {
    if (o.value("kind", "") == "StatefulSet") return o.value("name", "");
  }
  return "";
}

// Fills the container facts: sentinel container, ports, readiness.
void read_containers(const nlohmann::json& item, K8sPod& pod) {
  for (const auto& c : item["spec"].value("containers", nlohmann::json::array())) {
    std::string name = c.value("name", "");
    int port = 0;
    for (const auto& p : c.value("ports", nlohmann::json::array())) {
      port = p.value("containerPort", 0);
      if (port) break;
    }
    if (name == "sentinel") {
      pod.has_sentinel = true;
      if (port) pod.sentinel_port = port;
    } else if (name == "redis" && port) {
      pod.redis_port = port;
    }
  }
  const auto& status = item.value("status", nlohmann::json::object());
  const auto& statuses = status.value("containerStatuses", nlohmann::json::array());
  pod.ready = !statuses.empty();
  for (const auto& s : statuses) pod.ready = pod.ready && s.value("ready", false);
  if (status.contains("podIP") && status["podIP"].is_string()) pod.ip = status["podIP"];
}

}  // namespace

std::vector<K8sPod> parse_pods(const nlohmann::json& json, const std::string& release,
                               const std::string& source) {
  if (!json.is_object() || !json.contains("items") || !json["items"].is_array()) {
    throw UsageError(
        fmt::format("{}: expected the JSON of `kubectl get pods -o json` (a List "
                    "with items)",
                    source));
  }
  std::vector<K8sPod> pods;
  for (const auto& item : json["items"]) {
    const auto& meta = item.value("metadata", nlohmann::json::object());
    if (label(meta, "app.kubernetes.io/name") != "redis") continue;
    K8sPod pod;
    pod.release = label(meta, "app.kubernetes.io/instance");
    if (!release.empty() && pod.release != release) continue;
    pod.name = meta.value("name", "");
    pod.ns = meta.value("namespace", "default");
    pod.component = label(meta, "app.kubernetes.io/component");
    pod.statefulset = owner_statefulset(meta);
    pod.subdomain = item.value("spec", nlohmann::json::object()).value("subdomain", "");
    read_containers(item, pod);
    pods.push_back(pod);
  }
  return pods;
}

const K8sPod* pod_for_host(const std::vector<K8sPod>& pods, const std::string& host) {
  std::string first = host.substr(0, host.find('.'));
  if (host.empty()) return nullptr;
  for (const auto& p : pods) {
    if ((!p.ip.empty() && host == p.ip) || host == p.name) return &p;
    bool fqdn = host.find('.') != std::string::npos && first == p.name &&
                host.find("." + p.ns + ".") != std::string::npos;
    if (fqdn) return &p;
  }
  return nullptr;
}

const K8sPod& K8sRelease::pod(const std::string& wanted) const {
  std::string names;
  for (const auto& p : pods) {
    if (p.name == wanted) return p;
    names += (names.empty() ? "" : ", ") + p.name;
  }
  throw UsageError(fmt::format("release {} in namespace {} has no pod '{}' (pods: {})", name, ns,
                               wanted, names));
}

std::string K8sRelease::suggested_target(const std::string& master_set) const {
  std::string svc = fmt::format("{}-redis.{}.svc.cluster.local", name, ns);
  if (architecture == "sentinel") return fmt::format("sentinel://{}:26379/{}", svc, master_set);
  return fmt::format("redis://{}-redis-master.{}.svc.cluster.local:6379", name, ns);
}

K8sRelease describe_release(std::vector<K8sPod> pods, const std::string& release,
                            const std::string& ns) {
  if (pods.empty()) {
    throw UsageError(
        fmt::format("no pods of release '{}' in namespace {} (labels app.kubernetes.io/name=redis, "
                    "app.kubernetes.io/instance={})",
                    release, ns.empty() ? "of the current context" : ns, release));
  }
  K8sRelease r;
  r.name = release;
  r.ns = pods.front().ns;
  bool sentinel = false, replica = false;
  for (const auto& p : pods) {
    sentinel = sentinel || p.has_sentinel;
    replica = replica || p.component == "replica" || p.component == "node";
    if (r.headless.empty()) r.headless = p.subdomain;
  }
  r.architecture = sentinel ? "sentinel" : replica ? "replication" : "standalone";
  r.pods = std::move(pods);
  return r;
}

nlohmann::json to_json(const K8sRelease& r) {
  nlohmann::json pods = nlohmann::json::array();
  for (const auto& p : r.pods) {
    pods.push_back({{"name", p.name},
                    {"component", p.component},
                    {"ip", p.ip},
                    {"ready", p.ready},
                    {"statefulset", p.statefulset},
                    {"sentinel", p.has_sentinel}});
  }
  return {{"release", r.name},
          {"namespace", r.ns},
          {"architecture", r.architecture},
          {"headless_service", r.headless},
          {"pods", pods},
          {"target", r.suggested_target()}};
}

}  // namespace rrt
