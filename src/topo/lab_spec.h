// What a local lab should run. Filled from `rrt lab up` flags or a scenario's topology section;
// defaults favour fast exercises (see docs/lab.md).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "resp/connection.h"
#include "topo/topology.h"

namespace rrt {

// Where a lab's nodes live (docs/network-faults.md): all on 127.0.0.1, each in a network
// namespace of its own, or on loopback behind TCP fault proxies. Text only at the edges.
enum class HostsMode { kLoopback, kNetns, kProxy };

// "loopback", "netns", "proxy".
const char* hosts_name(HostsMode mode);
// "loopback, netns or proxy", for messages.
std::string hosts_mode_names();
// The mode `text` names; nothing for anything else.
std::optional<HostsMode> parse_hosts_mode(std::string_view text);
// parse_hosts_mode, or UsageError "bad <what> '<text>': expected loopback, netns or proxy".
HostsMode must_parse_hosts_mode(std::string_view text, std::string_view what);

struct LabSpec {
  std::string name = "default";  // labs with different names run side by side
  TopologyKind kind = TopologyKind::kSentinel;
  int replicas = 2;            // with cluster: replicas of each master
  int masters = 3;             // cluster: masters sharing the slots; proxy: shards
  int node_timeout_ms = 2000;  // cluster only: cluster-node-timeout (Redis default 15000)
  bool auto_eject = false;     // proxy only: twemproxy auto_eject_hosts
  int sentinels = 3;
  int quorum = 2;
  int down_after_ms = 1000;        // Sentinel down-after-milliseconds (Redis default 30000)
  int failover_timeout_ms = 5000;  // Sentinel failover-timeout (Redis default 180000)
  int parallel_syncs = 1;
  std::string persistence = "none";  // none | rdb | aof | aof-everysec | aof-always
  int base_port = 0;                 // 0: pick a free block of ports
  std::string master_name = "mymaster";
  HostsMode hosts = HostsMode::kLoopback;
  std::map<std::string, std::string>
      redis_config;  // extra redis.conf lines, e.g. min-replicas-to-write
  std::map<std::string, std::string> sentinel_config;  // extra sentinel.conf lines
  // Client hosts "client-1".."client-N" for a scenario's workload clients (netns or proxy
  // hosts): each its own namespace, or its own loopback source address behind the proxies, so
  // partitions can put clients on either side. 0: clients connect as the root namespace (or
  // the host), which no partition cuts.
  int client_hosts = 0;
  // requirepass + masterauth on data nodes, requirepass + auth-pass on sentinels (as the
  // Bitnami chart's auth.sentinel does). Never written to JSON, logs or reports.
  std::string password;
  // TLS only (docs/tls.md): every node listens with tls-port and no plain port, replication,
  // Sentinel and the cluster bus speak TLS. The lab fills `tls_client` (its CA and client
  // certificate, kept in lab.json) and `tls_context` (built once from it; not in JSON).
  bool tls = false;
  TlsOptions tls_client;
  std::shared_ptr<TlsContext> tls_context;

  // Throws UsageError naming the bad field and what was expected.
  void validate() const;
  // Number of ports the lab needs.
  int port_count() const;
  // Data nodes (redis-server processes) the lab starts with.
  int data_node_count() const;
  // AUTH (the lab password, if any), TLS (a TLS lab's CA and client certificate) and
  // `timeout`, for rrt's own requests to the nodes. Throws UsageError if a TLS lab's
  // certificates cannot be read.
  ConnectOptions connect_options(Nanos timeout) const;
};

nlohmann::json to_json(const LabSpec& spec);
// Throws UsageError naming the field for a kind or hosts it does not know.
LabSpec lab_spec_from_json(const nlohmann::json& j);

}  // namespace rrt
