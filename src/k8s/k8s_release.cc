#include "k8s/k8s_release.h"

#include <fmt/format.h>

#include <sstream>

#include "base/errors.h"

namespace rrt {

namespace {

using nlohmann::json;

bool has_port(const json& service, const std::string& port_name, int* port) {
  for (const auto& p : service.value("spec", json::object()).value("ports", json::array())) {
    if (p.value("name", "") == port_name) {
      *port = p.value("port", 0);
      return true;
    }
  }
  return false;
}

bool headless(const json& service) {
  return service.value("spec", json::object()).value("clusterIP", "") == "None";
}

// The service clients use: the one with a tcp-sentinel port (Sentinel), else the master's.
void read_services(const json& services, K8sRelease& r) {
  if (!services.is_object() || !services.contains("items")) return;
  for (const auto& s : services["items"]) {
    if (!s.contains("spec") || headless(s)) continue;
    std::string name = s.value("metadata", json::object()).value("name", "");
    std::string component = s.value("metadata", json::object())
                                .value("labels", json::object())
                                .value("app.kubernetes.io/component", "");
    int port = 0;
    if (r.architecture == "sentinel" && has_port(s, "tcp-sentinel", &port)) {
      r.service = name;
      r.service_port = port;
    } else if (r.architecture != "sentinel" && component == "master" &&
               has_port(s, "tcp-redis", &port)) {
      r.service = name;
      r.service_port = port;
    }
  }
}

// `sentinel monitor <set> ...` and `enable-debug-command <v>` from the chart's ConfigMap.
void read_config(const json& cm, K8sRelease& r) {
  if (!cm.is_object() || !cm.contains("data")) return;
  r.debug_command = "no";
  for (const auto& [key, value] : cm["data"].items()) {
    if (!value.is_string()) continue;
    std::istringstream in(value.get<std::string>());
    for (std::string line; std::getline(in, line);) {
      std::istringstream words(line);
      std::string a, b, c;
      words >> a >> b >> c;
      if (key == "sentinel.conf" && a == "sentinel" && b == "monitor") r.master_set = c;
      if (key != "sentinel.conf" && a == "enable-debug-command") r.debug_command = b;
    }
  }
}

}  // namespace

const K8sPod& K8sRelease::pod(const std::string& wanted) const {
  std::string names;
  for (const auto& p : pods) {
    if (p.name == wanted) return p;
    names += (names.empty() ? "" : ", ") + p.name;
  }
  throw UsageError(fmt::format("release {} in namespace {} has no pod '{}' (pods: {})", name, ns,
                               wanted, names));
}

PasswordSource K8sRelease::password() const {
  for (const auto& p : pods) {
    if (p.password.kind != PasswordSource::kNone) return p.password;
  }
  return {};
}

std::string K8sRelease::suggested_target() const {
  if (service.empty()) return "";
  std::string host = fmt::format("{}.{}.svc.{}", service, ns, cluster_domain);
  if (architecture == "sentinel") {
    return fmt::format("sentinel://{}:{}/{}", host, service_port, master_set);
  }
  return fmt::format("redis://{}:{}", host, service_port);
}

K8sRelease describe_release(const std::string& release, const std::string& ns, const json& pods,
                            const json& services, const json& config_map) {
  std::vector<K8sPod> found = parse_pods(pods, release, "kubectl get pods");
  if (found.empty()) {
    throw UsageError(fmt::format(
        "no redis pods of release '{}' in namespace {} (label app.kubernetes.io/instance={}, "
        "a container named redis): is the release installed there (helm list -n {})?",
        release, ns, release, ns));
  }
  K8sRelease r;
  r.name = release;
  r.ns = found.front().ns;
  bool sentinel = false, replica = false;
  for (const auto& p : found) {
    sentinel = sentinel || p.has_sentinel;
    replica = replica || p.component == "replica" || p.component == "node";
    if (r.headless.empty()) r.headless = p.subdomain;
  }
  r.architecture = sentinel ? "sentinel" : replica ? "replication" : "standalone";
  r.pods = std::move(found);
  r.master_set = "mymaster";
  read_services(services, r);
  read_config(config_map, r);
  return r;
}

K8sRelease discover_release(const KubectlOptions& kubectl, const std::string& release,
                            const std::string& cluster_domain) {
  std::string selector = "app.kubernetes.io/instance=" + release;
  auto get = [&](std::vector<std::string> args) {
    std::string out = must_kubectl(kubectl, {args, ""});
    json j = json::parse(out, nullptr, false);
    if (j.is_discarded()) {
      throw EnvironmentError(fmt::format("`{}` did not print JSON", describe(kubectl, {args, ""})));
    }
    return j;
  };
  json pods = get({"get", "pods", "-l", selector, "-o", "json"});
  json services = get({"get", "services", "-l", selector, "-o", "json"});
  // The ConfigMap the first redis pod mounts as "config" (the chart's, or existingConfigmap).
  json config_map;
  std::vector<K8sPod> parsed = parse_pods(pods, release, "kubectl get pods");
  if (!parsed.empty() && !parsed.front().config_map.empty()) {
    KubectlResult r =
        run_kubectl(kubectl, {{"get", "configmap", parsed.front().config_map, "-o", "json"}, ""});
    if (r.ok()) config_map = json::parse(r.out, nullptr, false);
  }
  K8sRelease out = describe_release(release, kubectl.ns, pods, services, config_map);
  out.cluster_domain = cluster_domain;
  return out;
}

Topology release_topology(const K8sRelease& r) {
  Topology t;
  t.kind = must_parse_topology_kind(r.architecture, "chart architecture");
  t.master_name = r.master_set;
  for (const auto& p : r.pods) {
    NodeInfo n;
    n.name = p.name;
    n.role = p.component == "master" ? Role::kMaster : Role::kReplica;
    n.endpoint = {p.announced_host(r.cluster_domain), p.redis_port};
    t.nodes.push_back(n);
  }
  for (const auto& p : r.pods) {
    if (!p.has_sentinel) continue;
    t.nodes.push_back({p.name + "-sentinel",
                       Role::kSentinel,
                       {p.announced_host(r.cluster_domain), p.sentinel_port},
                       ""});
  }
  return t;
}

json to_json(const K8sRelease& r) {
  json pods = json::array();
  for (const auto& p : r.pods) {
    pods.push_back({{"name", p.name},
                    {"component", p.component},
                    {"ip", p.ip},
                    {"announced_host", p.announced_host(r.cluster_domain)},
                    {"ready", p.ready},
                    {"statefulset", p.statefulset},
                    {"sentinel", p.has_sentinel}});
  }
  PasswordSource pw = r.password();
  const char* kinds[] = {"none", "env REDIS_PASSWORD", "file REDIS_PASSWORD_FILE"};
  return {{"release", r.name},
          {"namespace", r.ns},
          {"architecture", r.architecture},
          {"headless_service", r.headless},
          {"service", r.service},
          {"master_set", r.master_set},
          {"enable_debug_command", r.debug_command},
          {"password", {{"from", kinds[pw.kind]}, {"secret", pw.secret}, {"key", pw.secret_key}}},
          {"pods", pods},
          {"target", r.suggested_target()}};
}

}  // namespace rrt
