#include "audit/read_nodes.h"

#include <fmt/format.h>

#include "audit/node_reader.h"
#include "cluster/slot_map.h"

namespace rrt {

const std::vector<std::string>& audited_settings() {
  static const std::vector<std::string> kSettings = {
      "save",
      "appendonly",
      "appendfsync",
      "min-replicas-to-write",
      "min-replicas-max-lag",
      "replica-serve-stale-data",
      "replica-read-only",
      "repl-backlog-size",
      "replica-priority",
      "maxmemory",
      "maxmemory-policy",
      "protected-mode",
      "bind",
      "port",
      "tls-port",
      "cluster-enabled",
      "cluster-require-full-coverage",
      "cluster-allow-reads-when-down",
      "cluster-node-timeout",
  };
  return kSettings;
}

namespace {

// CONFIG GET of every audited setting in one request (Redis 7 takes several patterns); Redis 6
// takes one, so a "wrong number of arguments" error falls back to one request per setting.
void read_config(NodeReader& reader, DataNode* node, std::vector<Unread>* unread) {
  Args args = {"CONFIG", "GET"};
  for (const auto& s : audited_settings()) args.push_back(s);
  size_t before = unread->size();
  std::optional<Reply> all = reader.ask(args, "CONFIG GET");
  if (!all && unread->back().error.find("wrong number of arguments") != std::string::npos) {
    unread->resize(before);
    for (const auto& s : audited_settings()) {
      std::optional<Reply> one = reader.ask({"CONFIG", "GET", s}, "CONFIG GET " + s);
      if (!one) return;
      for (auto& [k, v] : fields_of_pairs(*one)) node->config[k] = v;
    }
    node->config_read = true;
    return;
  }
  if (!all) return;
  node->config = fields_of_pairs(*all);
  node->config_read = true;
}

// ACL GETUSER default: flags ("on nopass"), commands, keys. A reply with nested arrays.
void read_default_user(NodeReader& reader, DataNode* node) {
  std::optional<Reply> r = reader.ask({"ACL", "GETUSER", "default"}, "ACL GETUSER default");
  if (!r || !r->is_array()) return;
  for (size_t i = 0; i + 1 < r->size(); i += 2) {
    std::string name(r->at(i).str());
    Reply value = r->at(i + 1);
    if (name == "flags") {
      node->default_user[name] = fmt::format("{}", fmt::join(value.strings(), " "));
    } else if (name == "commands" || name == "keys" || name == "channels") {
      node->default_user[name] = std::string(value.str());
    }
  }
}

void read_cluster(NodeReader& reader, DataNode* node) {
  if (auto r = reader.ask({"CLUSTER", "INFO"}, "CLUSTER INFO")) {
    node->cluster_info = fields_of_info(r->str());
  }
  if (auto r = reader.ask({"CLUSTER", "NODES"}, "CLUSTER NODES")) {
    try {
      node->cluster_nodes = parse_cluster_nodes(r->str());
    } catch (const std::invalid_argument&) {
    }
  }
  if (auto r = reader.ask({"CLUSTER", "SLOTS"}, "CLUSTER SLOTS")) {
    try {
      SlotMap map = SlotMap::from_cluster_slots(*r);
      for (const auto& range : map.ranges()) {
        node->served_slots.emplace_back(range.start, range.end);
      }
      node->cluster_slots_read = true;
    } catch (const std::invalid_argument&) {
    }
  }
}

}  // namespace

DataNode read_data_node(const Endpoint& endpoint, const ConnectOptions& options,
                        std::vector<Unread>* unread) {
  DataNode node;
  node.endpoint = endpoint;
  NodeReader reader(endpoint, options, unread);
  node.error = reader.connect();
  if (!node.error.empty()) return node;
  node.reachable = true;
  for (const char* section :
       {"server", "replication", "persistence", "clients", "stats", "memory"}) {
    if (auto r = reader.ask({"INFO", section}, fmt::format("INFO {}", section))) {
      node.info.merge(fields_of_info(r->str()));
    }
  }
  if (auto r = reader.ask({"ROLE"}, "ROLE"); r && r->is_array() && r->size() > 0) {
    node.role = std::string(r->at(0).str());
  }
  read_config(reader, &node, unread);
  read_default_user(reader, &node);
  node.open_without_auth = reader.open_without_auth();
  if (field(node.info, "redis_mode") == "cluster") read_cluster(reader, &node);
  return node;
}

SentinelNode read_sentinel(const Endpoint& endpoint, const std::string& master_name,
                           const ConnectOptions& options, std::vector<Unread>* unread) {
  SentinelNode s;
  s.endpoint = endpoint;
  NodeReader reader(endpoint, options, unread);
  s.error = reader.connect();
  if (!s.error.empty()) return s;
  s.reachable = true;
  // The id other sentinels list it under (SENTINEL SENTINELS "runid"), not INFO's run_id.
  if (auto r = reader.ask({"SENTINEL", "MYID"}, "SENTINEL MYID")) s.run_id = std::string(r->str());
  if (auto r = reader.ask({"SENTINEL", "MASTER", master_name}, "SENTINEL MASTER")) {
    s.master = fields_of_pairs(*r);
  }
  for (auto [what, list] : {std::pair{"REPLICAS", &s.replicas}, {"SENTINELS", &s.sentinels}}) {
    if (auto r = reader.ask({"SENTINEL", what, master_name}, fmt::format("SENTINEL {}", what))) {
      for (size_t i = 0; i < r->size(); ++i) list->push_back(fields_of_pairs(r->at(i)));
    }
  }
  // CKQUORUM answers an error when there is no quorum: that answer is the fact, not a failure.
  size_t before = unread->size();
  if (auto r = reader.ask({"SENTINEL", "CKQUORUM", master_name}, "SENTINEL CKQUORUM")) {
    s.ckquorum = std::string(r->str());
    s.ckquorum_ok = true;
  } else if (unread->back().error.rfind("NOQUORUM", 0) == 0) {
    s.ckquorum = unread->back().error;
    unread->resize(before);
  }
  for (const char* name : {"announce-ip", "announce-port", "resolve-hostnames"}) {
    if (auto r = reader.ask({"SENTINEL", "CONFIG", "GET", name}, "SENTINEL CONFIG GET")) {
      s.config.merge(fields_of_pairs(*r));
    }
  }
  s.open_without_auth = reader.open_without_auth();
  return s;
}

void sample_write_rate(DataNode* node, Nanos first_read_at, const ConnectOptions& options,
                       std::vector<Unread>* unread) {
  std::optional<long long> first = to_number(field(node->info, "master_repl_offset"));
  if (!first) return;
  NodeReader reader(node->endpoint, options, unread);
  std::optional<Reply> r = reader.ask({"INFO", "replication"}, "INFO replication (2nd sample)");
  Nanos now = mono_ns();
  if (!r) return;
  std::optional<long long> second =
      to_number(field(fields_of_info(r->str()), "master_repl_offset"));
  if (second) node->offset_sample = OffsetSample{*first, *second, now - first_read_at};
}

}  // namespace rrt
