#include "k8s/k8s_pods.h"

#include <fmt/format.h>

#include "base/errors.h"

namespace rrt {

namespace {

using nlohmann::json;

const json& field(const json& j, const std::string& key) {
  static const json kNull;
  if (!j.is_object() || !j.contains(key)) return kNull;
  return j.at(key);
}

std::string text(const json& j, const char* key) {
  const json& v = field(j, key);
  return v.is_string() ? v.get<std::string>() : "";
}

std::string owner_statefulset(const json& meta) {
  for (const auto& o : meta.value("ownerReferences", json::array())) {
    if (o.value("kind", "") == "StatefulSet") return o.value("name", "");
  }
  return "";
}

// The volume `name` of the pod spec, or null.
const json* volume(const json& spec, const std::string& name) {
  const json& volumes = field(spec, "volumes");
  if (!volumes.is_array()) return nullptr;
  for (const auto& v : volumes) {
    if (v.value("name", "") == name) return &v;
  }
  return nullptr;
}

// The Secret and key behind the file `path`, if a Secret volume is mounted at its directory.
void secret_of_file(const json& spec, const json& container, PasswordSource& p) {
  for (const auto& m : container.value("volumeMounts", json::array())) {
    std::string dir = m.value("mountPath", "");
    if (dir.empty() || p.file.rfind(dir, 0) != 0) continue;
    const json* v = volume(spec, m.value("name", ""));
    if (!v || !v->contains("secret")) return;  // e.g. an emptyDir filled by the user
    const json& secret = (*v)["secret"];
    p.secret = text(secret, "secretName");
    std::string file = p.file.substr(p.file.find_last_of('/') + 1);
    p.secret_key = file;  // a Secret volume without items names files after keys
    for (const auto& item : secret.value("items", json::array())) {
      if (item.value("path", "") == file) p.secret_key = item.value("key", "");
    }
    return;
  }
}

PasswordSource password_source(const json& spec, const json& container) {
  PasswordSource p;
  for (const auto& e : container.value("env", json::array())) {
    std::string name = e.value("name", "");
    if (name == "REDIS_PASSWORD_FILE" && p.kind != PasswordSource::kEnv) {
      p.kind = PasswordSource::kFile;
      p.file = e.value("value", "");
    } else if (name == "REDIS_PASSWORD") {
      p = {};
      p.kind = PasswordSource::kEnv;
      const json& ref = field(field(e, "valueFrom"), "secretKeyRef");
      p.secret = text(ref, "name");
      p.secret_key = text(ref, "key");
    }
  }
  if (p.kind == PasswordSource::kFile) secret_of_file(spec, container, p);
  return p;
}

int first_port(const json& container) {
  for (const auto& p : container.value("ports", json::array())) {
    if (int port = p.value("containerPort", 0)) return port;
  }
  return 0;
}

void read_containers(const json& spec, K8sPod& pod) {
  for (const auto& c : spec.value("containers", json::array())) {
    std::string name = c.value("name", "");
    int port = first_port(c);
    if (name == "sentinel") {
      pod.has_sentinel = true;
      if (port) pod.sentinel_port = port;
    } else if (name == "redis") {
      pod.has_redis = true;
      if (port) pod.redis_port = port;
      pod.password = password_source(spec, c);
    }
  }
  if (const json* v = volume(spec, "config"); v && v->contains("configMap")) {
    pod.config_map = text((*v)["configMap"], "name");
  }
}

void read_status(const json& status, K8sPod& pod) {
  pod.ip = text(status, "podIP");
  pod.phase = text(status, "phase");
  const json& statuses = field(status, "containerStatuses");
  pod.ready = statuses.is_array() && !statuses.empty();
  if (!statuses.is_array()) return;
  for (const auto& s : statuses) pod.ready = pod.ready && s.value("ready", false);
}

}  // namespace

std::string K8sPod::announced_host(const std::string& cluster_domain) const {
  if (subdomain.empty()) return ip;
  return fmt::format("{}.{}.{}.svc.{}", hostname.empty() ? name : hostname, subdomain, ns,
                     cluster_domain);
}

K8sPod parse_pod(const json& item) {
  const json& meta = field(item, "metadata");
  const json& spec = field(item, "spec");
  K8sPod pod;
  pod.name = text(meta, "name");
  pod.ns = meta.value("namespace", "default");
  pod.uid = text(meta, "uid");
  pod.terminating = field(meta, "deletionTimestamp").is_string();
  const json labels = meta.value("labels", json::object());
  for (const auto& [k, v] : labels.items()) {
    if (v.is_string()) pod.labels[k] = v.get<std::string>();
  }
  pod.release = pod.labels["app.kubernetes.io/instance"];
  pod.component = pod.labels["app.kubernetes.io/component"];
  pod.statefulset = owner_statefulset(meta);
  pod.hostname = text(spec, "hostname");
  pod.subdomain = text(spec, "subdomain");
  read_containers(spec, pod);
  read_status(field(item, "status"), pod);
  return pod;
}

std::vector<K8sPod> parse_pods(const json& j, const std::string& release,
                               const std::string& source) {
  if (!j.is_object() || !j.contains("items") || !j["items"].is_array()) {
    throw UsageError(fmt::format(
        "{}: expected the JSON of `kubectl get pods -o json` (a List with items)", source));
  }
  std::vector<K8sPod> pods;
  for (const auto& item : j["items"]) {
    K8sPod pod = parse_pod(item);
    if (!pod.has_redis) continue;
    if (!release.empty() && pod.release != release) continue;
    pods.push_back(std::move(pod));
  }
  return pods;
}

const K8sPod* pod_for_host(const std::vector<K8sPod>& pods, const std::string& host) {
  if (host.empty()) return nullptr;
  std::string first = host.substr(0, host.find('.'));
  for (const auto& p : pods) {
    if ((!p.ip.empty() && host == p.ip) || host == p.name) return &p;
    bool fqdn = host.find('.') != std::string::npos && first == p.name &&
                host.find("." + p.ns + ".") != std::string::npos;
    if (fqdn) return &p;
  }
  return nullptr;
}

}  // namespace rrt
