#include "audit/rule_helpers.h"

#include <fmt/format.h>

#include <set>

namespace rrt {

Evidence setting_evidence(const DataNode& node, const std::string& name, const Setting& value) {
  std::string setting = value.source == "CONFIG GET" ? name : name + " (" + value.source + ")";
  return {node.address(), node.role_label(), setting, value.value};
}

Evidence node_evidence(const DataNode& node, const std::string& setting, const std::string& value) {
  return {node.address(), node.role_label(), setting, value};
}

Evidence sentinel_evidence(const SentinelNode& sentinel, const std::string& setting,
                           const std::string& value) {
  return {sentinel.address(), "sentinel", setting, value};
}

Severity worst(Severity a, Severity b) {
  return static_cast<int>(a) < static_cast<int>(b) ? a : b;
}

std::optional<Finding> if_evidence(Finding finding) {
  if (finding.evidence.empty()) return std::nullopt;
  return finding;
}

std::optional<long long> number_setting(const DataNode& node, const std::string& name) {
  std::optional<Setting> s = node.setting(name);
  return s ? to_number(s->value) : std::nullopt;
}

std::optional<long long> info_number(const DataNode& node, const std::string& field) {
  auto it = node.info.find(field);
  return it == node.info.end() ? std::nullopt : to_number(it->second);
}

bool single_host_deployment(const Snapshot& s) {
  std::set<std::string> hosts;
  for (const auto& n : s.nodes) hosts.insert(host_of(n.endpoint));
  for (const auto& n : s.sentinels) hosts.insert(host_of(n.endpoint));
  return hosts.size() == 1 && s.nodes.size() + s.sentinels.size() >= 2;
}

const DataNode* cluster_view(const Snapshot& s) {
  for (const DataNode* n : s.reachable_nodes()) {
    if (!n->cluster_nodes.empty()) return n;
  }
  return nullptr;
}

}  // namespace rrt
