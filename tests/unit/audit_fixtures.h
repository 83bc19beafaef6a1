// Hand-built snapshots for the audit's rule tests: a hardened Sentinel deployment and a
// hardened cluster, each on separate hosts with every setting safe. A test weakens one fact and
// checks that its rule fires with the evidence, and stays quiet on the hardened original.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "audit/rules.h"
#include "audit/snapshot.h"

namespace rrt::audit_test {

inline Fields safe_config() {
  return {{"save", "3600 1 300 100"},
          {"appendonly", "yes"},
          {"appendfsync", "always"},
          {"min-replicas-to-write", "1"},
          {"min-replicas-max-lag", "10"},
          {"replica-serve-stale-data", "no"},
          {"replica-read-only", "yes"},
          {"repl-backlog-size", "67108864"},
          {"replica-priority", "100"},
          {"maxmemory", "0"},
          {"maxmemory-policy", "noeviction"},
          {"protected-mode", "yes"},
          {"tls-port", "6380"},
          {"cluster-require-full-coverage", "no"},
          {"cluster-allow-reads-when-down", "no"}};
}

inline DataNode data_node(const std::string& host, int port, const std::string& role) {
  DataNode n;
  n.endpoint = {host, port};
  n.reachable = true;
  n.role = role;
  n.info = {{"role", role}, {"redis_version", "7.0.15"}, {"process_supervised", "systemd"}};
  if (role == "master") {
    n.info["connected_slaves"] = "2";
    n.info["min_slaves_good_slaves"] = "2";
    n.info["master_repl_offset"] = "1000";
    n.offset_sample = OffsetSample{1000, 1000 + 10'000, kSeconds};  // 10 kB/s
  }
  n.config = safe_config();
  n.config_read = true;
  n.open_without_auth = false;
  return n;
}

inline SentinelNode sentinel_node(const std::string& host, const std::string& id) {
  SentinelNode s;
  s.endpoint = {host, 26379};
  s.reachable = true;
  s.run_id = id;
  s.master = {{"name", "mymaster"},
              {"ip", "10.0.0.1"},
              {"port", "6379"},
              {"quorum", "2"},
              {"num-other-sentinels", "2"},
              {"num-slaves", "2"},
              {"down-after-milliseconds", "5000"},
              {"failover-timeout", "20000"}};
  s.ckquorum = "OK 3 usable Sentinels. Quorum and failover authorization can be reached";
  s.ckquorum_ok = true;
  s.open_without_auth = false;
  return s;
}

// Master 10.0.0.1, replicas 10.0.0.2 and .3, sentinels on 10.0.1.1-3, each knowing the others.
inline Snapshot hardened_sentinel() {
  Snapshot s;
  s.target = "sentinel://10.0.1.1:26379/mymaster";
  s.scheme = "sentinel";
  s.master_name = "mymaster";
  s.nodes = {data_node("10.0.0.1", 6379, "master"), data_node("10.0.0.2", 6379, "slave"),
             data_node("10.0.0.3", 6379, "slave")};
  for (int i = 1; i <= 3; ++i) {
    s.sentinels.push_back(sentinel_node("10.0.1." + std::to_string(i), "id" + std::to_string(i)));
  }
  for (auto& me : s.sentinels) {
    for (const auto& other : s.sentinels) {
      if (other.run_id == me.run_id) continue;
      me.sentinels.push_back(
          {{"runid", other.run_id}, {"ip", other.endpoint.host}, {"port", "26379"}});
    }
    for (int i = 2; i <= 3; ++i) {
      me.replicas.push_back(
          {{"ip", "10.0.0." + std::to_string(i)}, {"port", "6379"}, {"slave-priority", "100"}});
    }
  }
  return s;
}

inline ClusterNodeView cluster_view_node(const std::string& id, const std::string& host,
                                         const std::string& flags, const std::string& master_id,
                                         std::vector<std::string> slots) {
  ClusterNodeView v;
  v.id = id;
  v.endpoint = {host, 6379};
  v.flags = flags;
  v.master_id = master_id;
  v.link = "connected";
  v.slots = std::move(slots);
  return v;
}

// Three masters on 10.0.2.1-3 each with a replica on another host; every slot served.
inline Snapshot hardened_cluster() {
  Snapshot s;
  s.target = "cluster://10.0.2.1:6379";
  s.scheme = "cluster";
  std::vector<ClusterNodeView> views = {
      cluster_view_node("m1", "10.0.2.1", "master", "-", {"0-5460"}),
      cluster_view_node("m2", "10.0.2.2", "master", "-", {"5461-10922"}),
      cluster_view_node("m3", "10.0.2.3", "master", "-", {"10923-16383"}),
      cluster_view_node("r1", "10.0.2.2", "slave", "m1", {}),
      cluster_view_node("r2", "10.0.2.3", "slave", "m2", {}),
      cluster_view_node("r3", "10.0.2.1", "slave", "m3", {}),
  };
  for (const auto& v : views) {
    DataNode n = data_node(v.endpoint.host, v.endpoint.port, v.is_master() ? "master" : "slave");
    n.endpoint.port = v.is_master() ? 6379 : 6380;
    n.info["redis_mode"] = "cluster";
    n.cluster_info = {{"cluster_state", "ok"}, {"cluster_slots_assigned", "16384"}};
    n.served_slots = {{0, 5460}, {5461, 10922}, {10923, 16383}};
    n.cluster_slots_read = true;
    s.nodes.push_back(n);
  }
  s.nodes.front().cluster_nodes = views;
  return s;
}

inline DataNode& master_of(Snapshot& s) {
  return s.nodes.front();
}

// The evidence of `f` as "node setting=value" strings, for matchers.
inline std::vector<std::string> evidence_of(const Finding& f) {
  std::vector<std::string> out;
  for (const auto& e : f.evidence) out.push_back(e.node + " " + e.setting + "=" + e.value);
  return out;
}

}  // namespace rrt::audit_test
