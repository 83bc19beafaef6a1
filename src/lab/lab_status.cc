#include "lab/lab_status.h"

#include <fmt/format.h>

#include <cstring>

#include "base/process.h"
#include "cluster/cluster_nodes.h"
#include "resp/sync_client.h"
#include "topo/ask.h"
#include "topo/discovery.h"
#include "topo/lab_spec.h"

namespace rrt {

static constexpr Nanos kStatusTimeout = 500 * kMillis;

static std::string process_state(int pid, long long start) {
  if (!process_alive(pid, start)) return "down";
  std::string stat_state;
  // A stopped (SIGSTOP) process shows 'T' in /proc/PID/stat.
  FILE* f = fopen(fmt::format("/proc/{}/stat", pid).c_str(), "r");
  if (f) {
    char buf[512];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    const char* close = strrchr(buf, ')');
    if (close && close[1] == ' ' && close[2] == 'T') return "paused";
  }
  return "running";
}

static void add_data_node_fields(const Endpoint& ep, nlohmann::json& row) {
  ConnectOptions o;
  o.timeout = kStatusTimeout;
  InfoFields info = node_info(ep, "replication", o);
  auto field = [&](const std::string& name) {
    for (auto& [k, v] : info) {
      if (k == name) return v;
    }
    return std::string();
  };
  std::string role = field("role");
  row["role"] = role.empty() ? "?" : (role == "slave" ? "replica" : role);
  if (role == "master") {
    row["offset"] = std::stoll(field("master_repl_offset"));
    row["link"] = fmt::format("{} replicas", field("connected_slaves"));
  } else if (role == "slave") {
    row["offset"] =
        std::stoll(field("slave_repl_offset").empty() ? "0" : field("slave_repl_offset"));
    row["link"] = field("master_link_status");
    row["master"] = fmt::format("{}:{}", field("master_host"), field("master_port"));
  }
}

static void add_sentinel_fields(const Endpoint& ep, const std::string& master_name,
                                nlohmann::json& row) {
  row["role"] = "sentinel";
  SyncClient c;
  ConnectOptions o;
  o.timeout = kStatusTimeout;
  if (!c.connect(ep, o).ok()) return;
  CallResult r = c.call({"SENTINEL", "GET-MASTER-ADDR-BY-NAME", master_name}, kStatusTimeout);
  if (r.ok() && r.reply.size() == 2) {
    row["master"] = fmt::format("{}:{}", r.reply.at(0).str(), r.reply.at(1).str());
  }
  r = c.call({"SENTINEL", "SENTINELS", master_name}, kStatusTimeout);
  if (r.ok()) row["link"] = fmt::format("{} other sentinels", r.reply.size());
}

// The node's own line of CLUSTER NODES: slots, config epoch, node id and its master's id.
static void add_cluster_fields(const Endpoint& ep, nlohmann::json& row) {
  ConnectOptions o;
  o.timeout = kStatusTimeout;
  CallResult r = ask(ep, {"CLUSTER", "NODES"}, o);
  if (!r.ok()) return;
  try {
    for (const auto& v : parse_cluster_nodes(r.reply.str())) {
      if (!v.myself()) continue;
      row["slots"] = v.slot_text();
      row["epoch"] = v.config_epoch;
      row["id"] = v.id;
      if (v.master_id != "-") row["master_id"] = v.master_id;
    }
  } catch (const std::exception&) {
    // A malformed reply leaves the cluster columns empty; the rest of the row still shows.
  }
}

// Replaces each row's master_id by the name of that master's row ("replica_of").
static void name_cluster_masters(nlohmann::json& rows) {
  for (auto& row : rows) {
    if (!row.contains("master_id")) continue;
    for (const auto& other : rows) {
      if (other.value("id", "") == row["master_id"]) row["replica_of"] = other["name"];
    }
    row.erase("master_id");
  }
}

nlohmann::json lab_status(const nlohmann::json& record) {
  nlohmann::json rows = nlohmann::json::array();
  std::string master_name = record["spec"].value("master_name", "mymaster");
  long long master_offset = -1;
  for (const auto& node : record["nodes"]) {
    Endpoint ep{node["host"], node["port"]};
    nlohmann::json row = {
        {"name", node["name"]}, {"address", ep.to_string()}, {"pid", node["pid"]}};
    row["state"] = process_state(node["pid"], node["start_time"]);
    if (row["state"] == "running") {
      if (node["role"] == "sentinel") {
        add_sentinel_fields(ep, master_name, row);
      } else if (node["role"] == "proxy") {
        row["role"] = "proxy";
      } else {
        add_data_node_fields(ep, row);
        if (lab_spec_from_json(record["spec"]).kind == TopologyKind::kCluster)
          add_cluster_fields(ep, row);
      }
    }
    if (row.value("role", "") == "master") master_offset = row["offset"];
    rows.push_back(row);
  }
  name_cluster_masters(rows);
  bool cluster = lab_spec_from_json(record["spec"]).kind == TopologyKind::kCluster;
  for (auto& row : rows) {
    if (!cluster && row.value("role", "") == "replica" && master_offset >= 0 &&
        row.contains("offset")) {
      row["lag"] = master_offset - row["offset"].get<long long>();
    }
  }
  return rows;
}

std::string lab_exports(const nlohmann::json& record) {
  std::string m, r, s, p;
  for (const auto& row : lab_status(record)) {
    std::string url = "redis://" + row["address"].get<std::string>();
    std::string role = row.value("role", "");
    if (role == "master" && m.empty()) m = url;
    if (role == "replica" && r.empty()) r = url;
    if (role == "sentinel" && s.empty()) s = url;
    if (role == "proxy" && p.empty()) p = url;
  }
  std::string out;
  if (lab_spec_from_json(record["spec"]).kind == TopologyKind::kCluster) {
    std::string all;
    for (const auto& node : record["nodes"]) {
      all += fmt::format("{}redis://{}:{}", all.empty() ? "" : ",", node["host"].get<std::string>(),
                         node["port"].get<int>());
    }
    out += fmt::format("export URL_C={}\n", all);
  }
  if (!m.empty()) out += fmt::format("export URL_M={}\n", m);
  if (!r.empty()) out += fmt::format("export URL_R={}\n", r);
  if (!s.empty()) out += fmt::format("export URL_S={}\n", s);
  if (!p.empty()) out += fmt::format("export URL_P={}\n", p);
  return out;
}

}  // namespace rrt
