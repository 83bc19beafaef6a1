#include "audit/snapshot.h"

#include <charconv>

namespace rrt {

std::string field(const Fields& fields, const std::string& key, const std::string& absent) {
  auto it = fields.find(key);
  return it == fields.end() ? absent : it->second;
}

double OffsetSample::bytes_per_second() const {
  if (interval <= 0) return 0;
  return static_cast<double>(second - first) * kSeconds / static_cast<double>(interval);
}

bool DataNode::is_master() const {
  if (!role.empty()) return role == "master";
  auto it = info.find("role");
  return it != info.end() && it->second == "master";
}

bool DataNode::is_replica() const {
  if (!role.empty()) return role == "slave";
  auto it = info.find("role");
  return it != info.end() && it->second == "slave";
}

std::string DataNode::role_label() const {
  std::string base = is_master() ? "master" : is_replica() ? "replica" : "";
  bool cluster = !cluster_info.empty();
  return cluster && !base.empty() ? "cluster-" + base : base;
}

namespace {

// INFO fields that show a setting when CONFIG GET could not be read. A boolean field ("0"/"1")
// maps to the setting's "no"/"yes".
struct InfoEquivalent {
  const char* setting;
  const char* field;
  bool boolean;
};
constexpr InfoEquivalent kInfoEquivalents[] = {
    {"appendonly", "aof_enabled", true},
    {"repl-backlog-size", "repl_backlog_size", false},
    {"maxmemory", "maxmemory", false},
    {"maxmemory-policy", "maxmemory_policy", false},
    {"replica-priority", "slave_priority", false},
    {"replica-read-only", "slave_read_only", true},
};

}  // namespace

std::optional<Setting> DataNode::setting(const std::string& name) const {
  if (config_read) {
    auto it = config.find(name);
    if (it != config.end()) return Setting{it->second, "CONFIG GET"};
  }
  for (const auto& e : kInfoEquivalents) {
    if (name != e.setting) continue;
    auto it = info.find(e.field);
    if (it == info.end()) return std::nullopt;
    std::string value = !e.boolean ? it->second : it->second == "1" ? "yes" : "no";
    return Setting{value, std::string("INFO ") + e.field};
  }
  // A master shows min_slaves_good_slaves only while min-replicas-to-write is in force.
  if (name == "min-replicas-to-write" && is_master() && info.count("connected_slaves") &&
      !info.count("min_slaves_good_slaves")) {
    return Setting{"0", "INFO (no min_slaves_good_slaves)"};
  }
  return std::nullopt;
}

std::optional<long long> SentinelNode::master_number(const std::string& field) const {
  auto it = master.find(field);
  return it == master.end() ? std::nullopt : to_number(it->second);
}

const DataNode* Snapshot::master() const {
  for (const auto& n : nodes) {
    if (n.reachable && n.is_master() && n.cluster_info.empty()) return &n;
  }
  return nullptr;
}

std::vector<const DataNode*> Snapshot::reachable_nodes() const {
  std::vector<const DataNode*> out;
  for (const auto& n : nodes) {
    if (n.reachable) out.push_back(&n);
  }
  return out;
}

std::vector<const DataNode*> Snapshot::replicas() const {
  std::vector<const DataNode*> out;
  for (const auto& n : nodes) {
    if (n.reachable && n.is_replica()) out.push_back(&n);
  }
  return out;
}

std::vector<const SentinelNode*> Snapshot::reachable_sentinels() const {
  std::vector<const SentinelNode*> out;
  for (const auto& s : sentinels) {
    if (s.reachable) out.push_back(&s);
  }
  return out;
}

const DataNode* Snapshot::node(const Endpoint& endpoint) const {
  for (const auto& n : nodes) {
    if (n.endpoint == endpoint) return &n;
  }
  return nullptr;
}

std::string host_of(const Endpoint& endpoint) {
  const std::string& h = endpoint.host;
  if (h.rfind("127.", 0) == 0 || h == "::1" || h == "localhost") return "loopback";
  return h;
}

std::optional<long long> to_number(const std::string& text) {
  long long value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

}  // namespace rrt
