#include "audit/read_deployment.h"

#include <fmt/format.h>

#include <algorithm>
#include <thread>

#include "audit/read_nodes.h"
#include "base/errors.h"

namespace rrt {

namespace {

// The snapshot being filled, and when each data node was first read (for the write rate).
struct Reading {
  Snapshot snapshot;
  std::vector<Nanos> read_at;  // parallel to snapshot.nodes
};

void add_data_node(Reading* r, const Endpoint& endpoint, const AuditOptions& o) {
  if (endpoint.port <= 0 || r->snapshot.node(endpoint) ||
      static_cast<int>(r->snapshot.nodes.size()) >= kMaxNodes) {
    return;
  }
  r->read_at.push_back(mono_ns());
  r->snapshot.nodes.push_back(read_data_node(endpoint, o.connect, &r->snapshot.unread));
}

// An endpoint from "ip" and "port" fields (SENTINEL lists), or from an INFO slaveN line
// "ip=10.0.0.5,port=6379,state=online,...".
std::optional<Endpoint> endpoint_of(const Fields& f) {
  auto ip = f.find("ip");
  auto port = f.find("port");
  if (ip == f.end() || port == f.end()) return std::nullopt;
  std::optional<long long> p = to_number(port->second);
  if (!p) return std::nullopt;
  return Endpoint{ip->second, static_cast<int>(*p)};
}

Fields fields_of_slave_line(const std::string& line) {
  Fields out;
  size_t begin = 0;
  while (begin < line.size()) {
    size_t end = std::min(line.find(',', begin), line.size());
    std::string item = line.substr(begin, end - begin);
    size_t eq = item.find('=');
    if (eq != std::string::npos) out[item.substr(0, eq)] = item.substr(eq + 1);
    begin = end + 1;
  }
  return out;
}

// The replicas a master lists in INFO replication (slave0, slave1, ...).
std::vector<Endpoint> replicas_in_info(const DataNode& master) {
  std::vector<Endpoint> out;
  for (int i = 0; i < kMaxNodes; ++i) {
    auto it = master.info.find(fmt::format("slave{}", i));
    if (it == master.info.end()) break;
    if (auto ep = endpoint_of(fields_of_slave_line(it->second))) out.push_back(*ep);
  }
  return out;
}

void add_replicas_of_masters(Reading* r, const AuditOptions& o) {
  std::vector<Endpoint> replicas;
  for (const auto& n : r->snapshot.nodes) {
    if (n.reachable && n.is_master()) {
      for (const auto& ep : replicas_in_info(n)) replicas.push_back(ep);
    }
  }
  for (const auto& ep : replicas) add_data_node(r, ep, o);
}

void read_replication(Reading* r, const TargetUrl& t, const AuditOptions& o) {
  add_data_node(r, t.endpoints.front(), o);
  DataNode first = r->snapshot.nodes.front();
  if (!first.reachable) {
    throw EnvironmentError(fmt::format("{} did not answer: {}", first.address(), first.error));
  }
  if (first.is_replica()) {
    std::optional<long long> port = to_number(field(first.info, "master_port"));
    if (port) add_data_node(r, {field(first.info, "master_host"), static_cast<int>(*port)}, o);
  }
  add_replicas_of_masters(r, o);
}

// Every sentinel of the URL, then every sentinel they know (by address), once each (by run id).
void read_sentinels(Reading* r, const TargetUrl& t, const AuditOptions& o) {
  std::vector<Endpoint> queue = t.endpoints;
  std::vector<SentinelNode>& read = r->snapshot.sentinels;
  for (size_t i = 0; i < queue.size() && static_cast<int>(read.size()) < kMaxNodes; ++i) {
    SentinelNode s = read_sentinel(queue[i], t.master_name, o.connect, &r->snapshot.unread);
    bool seen = std::any_of(read.begin(), read.end(), [&](const SentinelNode& other) {
      return !s.run_id.empty() && other.run_id == s.run_id;
    });
    if (seen) continue;
    for (const auto& other : s.sentinels) {
      auto ep = endpoint_of(other);
      if (ep && std::find(queue.begin(), queue.end(), *ep) == queue.end()) queue.push_back(*ep);
    }
    read.push_back(std::move(s));
  }
  if (r->snapshot.reachable_sentinels().empty()) {
    std::string errors;
    for (const auto& s : read) errors += fmt::format("\n  {}: {}", s.address(), s.error);
    throw EnvironmentError(fmt::format("no sentinel answered:{}", errors));
  }
}

// The master most sentinels name (the first one's on a tie), then every replica any names.
void read_sentinel_deployment(Reading* r, const TargetUrl& t, const AuditOptions& o) {
  read_sentinels(r, t, o);
  std::vector<std::pair<Endpoint, int>> votes;
  for (const SentinelNode* s : r->snapshot.reachable_sentinels()) {
    auto ep = endpoint_of(s->master);
    if (!ep) continue;
    auto it = std::find_if(votes.begin(), votes.end(), [&](auto& v) { return v.first == *ep; });
    if (it == votes.end()) votes.push_back({*ep, 0}), it = votes.end() - 1;
    ++it->second;
  }
  if (votes.empty()) {
    throw UsageError(
        fmt::format("no sentinel of {} knows a master named '{}'", t.redacted(), t.master_name));
  }
  auto best = std::max_element(votes.begin(), votes.end(),
                               [](auto& a, auto& b) { return a.second < b.second; });
  add_data_node(r, best->first, o);
  std::vector<Endpoint> replicas;
  for (const SentinelNode* s : r->snapshot.reachable_sentinels()) {
    for (const auto& f : s->replicas) {
      if (auto ep = endpoint_of(f)) replicas.push_back(*ep);
    }
  }
  for (const auto& ep : replicas) add_data_node(r, ep, o);
  add_replicas_of_masters(r, o);
}

void read_cluster(Reading* r, const TargetUrl& t, const AuditOptions& o) {
  const DataNode* seed = nullptr;
  for (const auto& ep : t.endpoints) {
    add_data_node(r, ep, o);
    seed = r->snapshot.node(ep);
    if (seed && seed->reachable) break;
  }
  if (!seed || !seed->reachable) {
    std::string errors;
    for (const auto& n : r->snapshot.nodes)
      errors += fmt::format("\n  {}: {}", n.address(), n.error);
    throw EnvironmentError(fmt::format("no cluster node answered:{}", errors));
  }
  if (seed->cluster_info.empty()) {
    throw UsageError(fmt::format("{} is not a cluster node (redis_mode {}); use redis:// for it",
                                 seed->address(), field(seed->info, "redis_mode", "unknown")));
  }
  std::vector<Endpoint> members;
  for (const auto& view : seed->cluster_nodes) members.push_back(view.endpoint);
  for (const auto& ep : members) add_data_node(r, ep, o);
}

// The second reading of each master's replication offset, `o.sample` after its first.
void sample_write_rates(Reading* r, const AuditOptions& o) {
  if (o.sample <= 0) return;
  for (size_t i = 0; i < r->snapshot.nodes.size(); ++i) {
    DataNode& n = r->snapshot.nodes[i];
    if (!n.reachable || !n.is_master()) continue;
    Nanos wait = r->read_at[i] + o.sample - mono_ns();
    if (wait > 0) std::this_thread::sleep_for(std::chrono::nanoseconds(wait));
    sample_write_rate(&n, r->read_at[i], o.connect, &r->snapshot.unread);
  }
}

}  // namespace

Snapshot read_deployment(const TargetUrl& target, const AuditOptions& options) {
  Reading r;
  r.snapshot.target = target.redacted();
  r.snapshot.scheme = scheme_family(target.scheme);
  r.snapshot.master_name = target.master_name;
  if (target.scheme == Scheme::kSentinel) {
    read_sentinel_deployment(&r, target, options);
  } else if (target.scheme == Scheme::kCluster) {
    read_cluster(&r, target, options);
  } else {
    read_replication(&r, target, options);
  }
  sample_write_rates(&r, options);
  return std::move(r.snapshot);
}

}  // namespace rrt
