#include "k8s/partition_manifests.h"

#include <fmt/format.h>

namespace rrt {

namespace {

using nlohmann::json;

json metadata(const PartitionObject& o) {
  return {{"name", o.name},
          {"namespace", o.pod->ns},
          {"labels", {{"app.kubernetes.io/managed-by", "rrt"}}}};
}

// Pods of the same namespace that are not of the release, and every pod of other namespaces.
json everyone_but_the_release(const PartitionObject& o) {
  json not_release = {{"podSelector",
                       {{"matchExpressions",
                         {{{"key", "app.kubernetes.io/instance"},
                           {"operator", "NotIn"},
                           {"values", {o.release}}}}}}}};
  json other_namespaces = {{"namespaceSelector",
                            {{"matchExpressions",
                              {{{"key", "kubernetes.io/metadata.name"},
                                {"operator", "NotIn"},
                                {"values", {o.pod->ns}}}}}}}};
  return {not_release, other_namespaces};
}

}  // namespace

std::string rrt_object_name(const std::string& run_id, const std::string& what,
                            const std::string& pod) {
  std::string name = fmt::format("rrt-{}-{}-{}", run_id, what, pod);
  if (name.size() > 63) name.resize(63);
  while (!name.empty() && name.back() == '-') name.pop_back();
  return name;
}

json network_chaos(const PartitionObject& o) {
  json meta = metadata(o);
  json target_selector = {{"namespaces", {o.pod->ns}},
                          {"labelSelectors", {{"app.kubernetes.io/instance", o.release}}},
                          {"expressionSelectors",
                           {{{"key", "statefulset.kubernetes.io/pod-name"},
                             {"operator", "NotIn"},
                             {"values", {o.pod->name}}}}}};
  return {{"apiVersion", "chaos-mesh.org/v1alpha1"},
          {"kind", "NetworkChaos"},
          {"metadata", meta},
          {"spec",
           {{"action", "partition"},
            {"mode", "all"},
            {"selector", {{"pods", {{o.pod->ns, {o.pod->name}}}}}},
            {"direction", "both"},
            {"target", {{"mode", "all"}, {"selector", target_selector}}},
            {"duration", fmt::format("{}s", o.duration_s)}}}};
}

json network_policy(const PartitionObject& o) {
  json meta = metadata(o);
  meta["annotations"] = {{"rrt.io/expires-at", std::to_string(o.expires_at)}};
  json peers = everyone_but_the_release(o);
  return {
      {"apiVersion", "networking.k8s.io/v1"},
      {"kind", "NetworkPolicy"},
      {"metadata", meta},
      {"spec",
       {{"podSelector", {{"matchLabels", {{"statefulset.kubernetes.io/pod-name", o.pod->name}}}}},
        {"policyTypes", {"Ingress", "Egress"}},
        {"ingress", {{{"from", peers}}}},
        {"egress", {{{"to", peers}}}}}}};
}

}  // namespace rrt
