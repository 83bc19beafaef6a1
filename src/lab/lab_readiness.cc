// Lab::wait_ready and run-time scaling: the parts of the lab that talk to the nodes.
#include <fmt/format.h>
#include <signal.h>

#include <filesystem>
#include <fstream>

#include "base/errors.h"
#include "base/process.h"
#include "base/wait.h"
#include "lab/lab.h"
#include "lab/lab_registry.h"
#include "lab/node_config.h"
#include "net/lab_hosts.h"
#include "resp/sync_client.h"
#include "topo/ask.h"
#include "topo/master.h"

namespace rrt {

static constexpr Nanos kProbeTimeout = 500 * kMillis;

static std::string last_lines(const std::string& path, int count) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    lines.push_back(line);
    if (static_cast<int>(lines.size()) > count) lines.erase(lines.begin());
  }
  std::string out;
  for (const auto& l : lines) out += "\n    " + l;
  return out;
}

static std::string log_path(const LabNode& n) {
  if (n.info.role == Role::kProxy) return n.dir + "/nutcracker.log";
  return n.dir + (n.info.role == Role::kSentinel ? "/sentinel.log" : "/redis.log");
}

// Why the proxy does not serve yet, or "": a GET through it must get an answer from a shard
// (twemproxy answers PING itself and closes the connection on commands it does not know).
static std::string proxy_pending(const LabNode& n) {
  ConnectOptions o;
  o.timeout = kProbeTimeout;
  CallResult r = ask(n.info.endpoint, {"GET", "rrt:lab:ready"}, o);
  if (!r.ok()) return fmt::format("{} does not serve yet ({})", n.info.name, r.detail);
  return "";
}

// Why one data node is not ready yet, or "" if it is.
static std::string data_node_pending(const LabNode& n, const LabSpec& spec) {
  CallResult r = ask(n.info.endpoint, {"INFO", "replication"}, spec.connect_options(kProbeTimeout));
  if (!r.ok()) return fmt::format("{} does not answer ({})", n.info.name, r.detail);
  if (n.info.role == Role::kReplica && info_field(r.reply.str(), "master_link_status") != "up") {
    return fmt::format("{} has no replication link up yet", n.info.name);
  }
  return "";
}

// Why one sentinel is not ready yet, or "" if it is.
static std::string sentinel_pending(const LabNode& n, const LabSpec& spec, int replicas) {
  SyncClient c;
  ConnectOptions o = spec.connect_options(kProbeTimeout);
  CallResult r = c.connect(n.info.endpoint, o);
  if (r.ok()) r = c.call({"SENTINEL", "CKQUORUM", spec.master_name}, kProbeTimeout);
  if (!r.ok()) return fmt::format("{}: {}", n.info.name, r.detail);
  r = c.call({"SENTINEL", "SENTINELS", spec.master_name}, kProbeTimeout);
  if (!r.ok() || static_cast<int>(r.reply.size()) != spec.sentinels - 1) {
    return fmt::format("{} knows {} of the {} other sentinels", n.info.name, r.reply.size(),
                       spec.sentinels - 1);
  }
  r = c.call({"SENTINEL", "REPLICAS", spec.master_name}, kProbeTimeout);
  if (!r.ok() || static_cast<int>(r.reply.size()) < replicas) {
    return fmt::format("{} knows {} of the {} replicas", n.info.name, r.reply.size(), replicas);
  }
  // A sentinel that has just learnt of a replica lists it as "slave,disconnected" with link
  // status "err" until it has connected and read the replica's INFO; queries made then mislead.
  for (size_t i = 0; i < r.reply.size(); ++i) {
    Reply row = r.reply.at(i);
    std::string flags, link;
    for (size_t f = 0; f + 1 < row.size(); f += 2) {
      if (row.at(f).str() == "flags") flags = row.at(f + 1).str();
      if (row.at(f).str() == "master-link-status") link = row.at(f + 1).str();
    }
    if (flags != "slave" || link != "ok") {
      return fmt::format("{} sees a replica as {} with link {}", n.info.name, flags, link);
    }
  }
  return "";
}

void Lab::wait_ready(Nanos timeout) {
  int replicas = static_cast<int>(topology().with_role(Role::kReplica).size());
  std::string pending;
  SystemClock clock;
  auto ready = [&] {
    pending.clear();
    for (auto& n : nodes_) {
      if (n.pid > 0 && reap_if_exited(n.pid)) {
        throw EnvironmentError(fmt::format("{} ({}) exited during start-up; its log {} ends:{}",
                                           n.info.name, n.info.endpoint.to_string(), log_path(n),
                                           last_lines(log_path(n), 8)));
      }
      if (!pending.empty() || n.pid <= 0) continue;
      pending = n.info.role == Role::kSentinel ? sentinel_pending(n, spec_, replicas)
                : n.info.role == Role::kProxy  ? proxy_pending(n)
                                               : data_node_pending(n, spec_);
    }
    if (pending.empty() && spec_.kind == TopologyKind::kCluster) pending = cluster_pending();
    return pending.empty();
  };
  if (wait_until(clock, timeout, 50 * kMillis, ready)) return;
  throw EnvironmentError(fmt::format("lab '{}' was not ready after {} s: {} (logs under {})",
                                     spec_.name, timeout / kSeconds, pending, dir_));
}

std::string Lab::add_replica(Nanos ready_timeout) {
  if (spec_.kind == TopologyKind::kCluster) {
    throw UsageError(
        fmt::format("lab '{}' is a cluster: add-replica works on replication and "
                    "sentinel labs only",
                    spec_.name));
  }
  auto taken = [&](auto matches) {
    for (const auto& n : nodes_) {
      if (matches(n)) return true;
    }
    return false;
  };
  int port = spec_.base_port;
  while (taken([&](const LabNode& n) { return n.listen.port == port; })) ++port;
  // Behind proxies the upper half of the lab's ports belongs to the proxies.
  int node_ports = spec_.hosts == HostsMode::kProxy ? spec_.port_count() / 2 : spec_.port_count();
  if (port >= spec_.base_port + node_ports) {
    throw UsageError(fmt::format("lab '{}' has no spare port for another replica", spec_.name));
  }
  int index = 1;
  while (taken([&](const LabNode& n) { return n.info.name == fmt::format("redis-{}", index); })) {
    ++index;
  }
  Endpoint master = must_find_master(topology(), spec_.connect_options(kProbeTimeout));
  LabNode n;
  n.info = {fmt::format("redis-{}", index), Role::kReplica, {"127.0.0.1", port}, ""};
  n.listen = hosts_ ? hosts_->place(n.info) : n.info.endpoint;
  write_config(n, master);
  if (hosts_) hosts_->create();
  spawn(n);
  nodes_.push_back(n);
  save_registry();
  SystemClock clock;
  if (!wait_until(clock, ready_timeout, 50 * kMillis,
                  [&] { return data_node_pending(nodes_.back(), spec_).empty(); })) {
    throw EnvironmentError(fmt::format("replica {} did not sync with {} within {} s", n.info.name,
                                       master.to_string(), ready_timeout / kSeconds));
  }
  return n.info.name;
}

void Lab::remove_replica(const std::string& name) {
  LabNode& n = mutable_node(name);
  if (n.info.role == Role::kSentinel) throw UsageError(fmt::format("{} is not a replica", name));
  kill(name);
  std::error_code ec;
  std::filesystem::remove_all(n.dir, ec);
  std::erase_if(nodes_, [&](const LabNode& node) { return node.info.name == name; });
  save_registry();
  // Sentinels never forget a replica on their own; RESET makes them rediscover the live ones.
  for (const auto& s : topology().sentinel_endpoints()) {
    ask(s, {"SENTINEL", "RESET", spec_.master_name}, spec_.connect_options(kProbeTimeout));
  }
}

}  // namespace rrt
