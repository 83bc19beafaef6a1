// What `rrt audit` read from a deployment, and what it could not read: facts only, no
// judgement. The reader (audit/read_deployment.h) fills a Snapshot; the rules (audit/rules.h)
// judge it. Tests build snapshots by hand, so every rule can be tried on any value.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "cluster/cluster_nodes.h"
#include "resp/url.h"

namespace rrt {

using Fields = std::map<std::string, std::string>;

// The value of `key` in `fields`, or `absent`.
std::string field(const Fields& fields, const std::string& key, const std::string& absent = "");

// A request the audit could not make or that was refused: a finding of its own.
struct Unread {
  std::string node;   // "host:port"
  std::string what;   // "CONFIG GET", "INFO persistence", "ACL GETUSER default", ...
  std::string error;  // the node's error reply or the connection error
};

// master_repl_offset read twice, `interval` apart: the replication stream's write rate.
struct OffsetSample {
  long long first = 0;
  long long second = 0;
  Nanos interval = 0;

  double bytes_per_second() const;  // 0 when the interval is 0
};

// A setting's value and where it came from: "CONFIG GET", or the INFO field that shows it.
struct Setting {
  std::string value;
  std::string source;
};

// A redis-server: a master or a replica, or a cluster node.
struct DataNode {
  Endpoint endpoint;
  bool reachable = false;
  std::string error;  // why it could not be reached
  std::string role;   // ROLE's first element: "master", "slave"; "" when unread
  Fields info;        // INFO server, replication, persistence, clients, stats, memory merged
  Fields config;      // CONFIG GET of the settings the rules need (never a password)
  bool config_read = false;
  std::optional<bool> open_without_auth;  // a PING without AUTH was answered; unset: unknown
  Fields default_user;  // ACL GETUSER default: "flags" ("on nopass"), "commands", "keys"
  // Cluster nodes only.
  Fields cluster_info;                            // CLUSTER INFO
  std::vector<ClusterNodeView> cluster_nodes;     // this node's CLUSTER NODES
  std::vector<std::pair<int, int>> served_slots;  // CLUSTER SLOTS ranges, inclusive
  bool cluster_slots_read = false;
  std::optional<OffsetSample> offset_sample;  // masters only

  std::string address() const { return endpoint.to_string(); }
  bool is_master() const;
  bool is_replica() const;
  // "master", "replica", "cluster-master", "cluster-replica": for evidence.
  std::string role_label() const;
  // A setting: CONFIG GET's value when it was read, else the INFO field that shows the same
  // (appendonly, repl-backlog-size, maxmemory, maxmemory-policy, replica-priority,
  // replica-read-only, min-replicas-to-write when INFO shows it is off); nullopt when neither
  // source has it.
  std::optional<Setting> setting(const std::string& name) const;
};

// A redis-sentinel, as it sees the master the audit asked about.
struct SentinelNode {
  Endpoint endpoint;
  bool reachable = false;
  std::string error;
  std::string run_id;             // SENTINEL MYID: the "runid" other sentinels list it by
  Fields master;                  // SENTINEL MASTER <name>; empty: it does not know the name
  std::vector<Fields> replicas;   // SENTINEL REPLICAS <name>
  std::vector<Fields> sentinels;  // SENTINEL SENTINELS <name>: the other sentinels it knows
  std::string ckquorum;           // the reply to SENTINEL CKQUORUM <name>, OK or error text
  bool ckquorum_ok = false;
  Fields config;  // SENTINEL CONFIG GET announce-ip, announce-port, ... (never sentinel-pass)
  std::optional<bool> open_without_auth;

  std::string address() const { return endpoint.to_string(); }
  // An integer field of `master` ("quorum", "down-after-milliseconds"); nullopt if absent.
  std::optional<long long> master_number(const std::string& field) const;
};

struct Snapshot {
  std::string target;       // the target URL without credentials
  std::string scheme;       // "redis", "sentinel", "cluster"
  std::string master_name;  // sentinel:// only
  std::vector<DataNode> nodes;
  std::vector<SentinelNode> sentinels;
  std::vector<Unread> unread;

  // The first reachable node that says it is a master; null if none (or in a cluster, any).
  const DataNode* master() const;
  std::vector<const DataNode*> reachable_nodes() const;
  std::vector<const DataNode*> replicas() const;  // reachable nodes that say they are replicas
  std::vector<const SentinelNode*> reachable_sentinels() const;
  // The node with this address, or null.
  const DataNode* node(const Endpoint& endpoint) const;
};

// The machine an address is on, as far as the address shows: "loopback" for 127.0.0.0/8, ::1
// and "localhost"; else the host part. Two nodes with the same host_of share a machine.
std::string host_of(const Endpoint& endpoint);

// Parses a decimal integer; nullopt for anything else (empty, "yes", "1e3").
std::optional<long long> to_number(const std::string& text);

}  // namespace rrt
