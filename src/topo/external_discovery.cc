#include "topo/external_discovery.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "base/errors.h"
#include "resp/sync_client.h"
#include "topo/ask.h"
#include "topo/discovery.h"

namespace rrt {

namespace {

InfoFields must_info(const Endpoint& ep, const ConnectOptions& o) {
  CallResult r = ask(ep, {"INFO", "replication"}, o);
  if (!r.ok()) {
    throw EnvironmentError(
        fmt::format("{} did not answer INFO replication: {}", ep.to_string(), r.detail));
  }
  return parse_info(r.reply.str());
}

std::string field(const InfoFields& info, const std::string& key) {
  for (const auto& [k, v] : info) {
    if (k == key) return v;
  }
  return "";
}

// "ip=10.0.0.5,port=6379,state=online,..." -> endpoint; nullopt if malformed.
std::optional<Endpoint> replica_from_slave_line(const std::string& line) {
  std::string ip, port;
  size_t begin = 0;
  while (begin < line.size()) {
    size_t comma = line.find(',', begin);
    std::string kv = line.substr(begin, comma == std::string::npos ? comma : comma - begin);
    if (kv.rfind("ip=", 0) == 0) ip = kv.substr(3);
    if (kv.rfind("port=", 0) == 0) port = kv.substr(5);
    if (comma == std::string::npos) break;
    begin = comma + 1;
  }
  try {
    if (!ip.empty()) return Endpoint{ip, std::stoi(port)};
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

void add_data_nodes(Topology& t, const Endpoint& master, const std::vector<Endpoint>& replicas) {
  t.nodes.push_back({"redis-1", Role::kMaster, master, ""});
  for (size_t i = 0; i < replicas.size(); ++i) {
    t.nodes.push_back({fmt::format("redis-{}", i + 2), Role::kReplica, replicas[i], ""});
  }
}

Topology discover_replication(const TargetUrl& u, const ConnectOptions& o) {
  Endpoint master = u.endpoints.front();
  InfoFields info = must_info(master, o);
  if (field(info, "role") == "slave") {
    master = {field(info, "master_host"), std::stoi("0" + field(info, "master_port"))};
    info = must_info(master, o);
  }
  std::vector<Endpoint> replicas;
  for (const auto& [k, v] : info) {
    if (k.rfind("slave", 0) == 0 && k != "slave_read_repl_offset") {
      if (auto ep = replica_from_slave_line(v)) replicas.push_back(*ep);
    }
  }
  Topology t;
  t.kind = replicas.empty() ? TopologyKind::kStandalone : TopologyKind::kReplication;
  add_data_nodes(t, master, replicas);
  return t;
}

// The ip/port of each entry of a SENTINEL REPLICAS / SENTINELS reply.
std::vector<Endpoint> addresses(const Reply& list) {
  std::vector<Endpoint> out;
  for (size_t i = 0; i < list.size(); ++i) {
    Reply fields = list.at(i);
    std::string ip, port;
    for (size_t f = 0; f + 1 < fields.size(); f += 2) {
      if (fields.at(f).str() == "ip") ip = fields.at(f + 1).str();
      if (fields.at(f).str() == "port") port = fields.at(f + 1).str();
    }
    try {
      out.push_back({ip, std::stoi(port)});
    } catch (const std::exception&) {
    }
  }
  return out;
}

Reply sentinel_list(const Endpoint& sentinel, const ConnectOptions& o, const char* what,
                    const std::string& master_name) {
  CallResult r = ask(sentinel, {"SENTINEL", what, master_name}, o);
  if (!r.ok()) {
    throw EnvironmentError(fmt::format("sentinel {} did not answer SENTINEL {} {}: {}",
                                       sentinel.to_string(), what, master_name, r.detail));
  }
  return r.reply;
}

Topology discover_sentinel(const TargetUrl& u, const ConnectOptions& o) {
  Endpoint master = master_from_sentinels(u.endpoints, u.master_name, o);
  Endpoint asked = u.endpoints.front();
  for (const auto& s : u.endpoints) {  // the first sentinel that answers is asked the rest
    if (ask(s, {"PING"}, o).ok()) {
      asked = s;
      break;
    }
  }
  Topology t;
  t.kind = TopologyKind::kSentinel;
  t.master_name = u.master_name;
  add_data_nodes(t, master, addresses(sentinel_list(asked, o, "REPLICAS", u.master_name)));
  std::vector<Endpoint> sentinels = u.endpoints;
  for (const auto& ep : addresses(sentinel_list(asked, o, "SENTINELS", u.master_name))) {
    if (std::find(sentinels.begin(), sentinels.end(), ep) == sentinels.end()) {
      sentinels.push_back(ep);
    }
  }
  for (size_t i = 0; i < sentinels.size(); ++i) {
    t.nodes.push_back({fmt::format("sentinel-{}", i + 1), Role::kSentinel, sentinels[i], ""});
  }
  return t;
}

}  // namespace

Topology discover_external(const TargetUrl& u, const ConnectOptions& o) {
  if (u.scheme == "cluster") {
    throw UsageError(
        fmt::format("target {}: Redis Cluster targets are not supported by this build of rrt "
                    "(use redis:// or sentinel://)",
                    u.redacted()));
  }
  Topology t = u.scheme == "sentinel" ? discover_sentinel(u, o) : discover_replication(u, o);
  t.password = o.password;
  return t;
}

}  // namespace rrt
