#include "k8s/network_policies.h"

#include <algorithm>
#include <cstdlib>

namespace rrt {

namespace {

using nlohmann::json;

bool expression_holds(const json& e, const std::map<std::string, std::string>& labels) {
  std::string key = e.value("key", "");
  std::string op = e.value("operator", "");
  auto it = labels.find(key);
  std::vector<std::string> values = e.value("values", std::vector<std::string>{});
  bool in =
      it != labels.end() && std::find(values.begin(), values.end(), it->second) != values.end();
  if (op == "In") return in;
  if (op == "NotIn") return !in;
  if (op == "Exists") return it != labels.end();
  if (op == "DoesNotExist") return it == labels.end();
  return false;  // an operator this code does not know selects nothing
}

bool managed_by_rrt(const json& item) {
  return item.value("metadata", json::object())
             .value("labels", json::object())
             .value("app.kubernetes.io/managed-by", "") == "rrt";
}

}  // namespace

bool selector_matches(const json& selector, const std::map<std::string, std::string>& labels) {
  if (!selector.is_object()) return true;
  const json match = selector.value("matchLabels", json::object());
  for (const auto& [k, v] : match.items()) {
    auto it = labels.find(k);
    if (it == labels.end() || !v.is_string() || it->second != v.get<std::string>()) return false;
  }
  for (const auto& e : selector.value("matchExpressions", json::array())) {
    if (!expression_holds(e, labels)) return false;
  }
  return true;
}

std::vector<std::string> policies_selecting(const json& list, const K8sPod& pod) {
  std::vector<std::string> names;
  if (!list.is_object() || !list.contains("items")) return names;
  for (const auto& item : list["items"]) {
    if (!item.contains("metadata") || managed_by_rrt(item)) continue;
    if (item.value("metadata", json::object()).value("namespace", pod.ns) != pod.ns) continue;
    json selector = item.value("spec", json::object()).value("podSelector", json::object());
    if (selector_matches(selector, pod.labels))
      names.push_back(item.value("metadata", json::object()).value("name", ""));
  }
  return names;
}

std::vector<std::string> expired_rrt_policies(const json& list, long long now_unix_s) {
  std::vector<std::string> names;
  if (!list.is_object() || !list.contains("items")) return names;
  for (const auto& item : list["items"]) {
    if (!item.contains("metadata") || !managed_by_rrt(item)) continue;
    std::string at = item.value("metadata", json::object())
                         .value("annotations", json::object())
                         .value("rrt.io/expires-at", "");
    if (!at.empty() && std::atoll(at.c_str()) < now_unix_s) {
      names.push_back(item.value("metadata", json::object()).value("name", ""));
    }
  }
  return names;
}

std::vector<std::string> delete_expired_rrt_policies(const KubectlOptions& kubectl,
                                                     long long now_unix_s) {
  KubectlResult r = run_kubectl(
      kubectl,
      {{"get", "networkpolicies", "-l", "app.kubernetes.io/managed-by=rrt", "-o", "json"}, ""});
  if (!r.ok()) return {};
  auto expired = expired_rrt_policies(json::parse(r.out, nullptr, false), now_unix_s);
  for (const auto& name : expired) {
    must_kubectl(kubectl, {{"delete", "networkpolicy", name, "--ignore-not-found"}, ""});
  }
  return expired;
}

}  // namespace rrt
