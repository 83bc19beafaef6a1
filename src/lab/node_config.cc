#include "lab/node_config.h"

#include <fmt/format.h>

namespace rrt {

static std::string persistence_lines(const std::string& mode) {
  if (mode == "rdb") return "save 3600 1 300 100 60 10000\nappendonly no\n";
  if (mode == "aof" || mode == "aof-everysec") {
    return "save \"\"\nappendonly yes\nappendfsync everysec\n";
  }
  if (mode == "aof-always") return "save \"\"\nappendonly yes\nappendfsync always\n";
  return "save \"\"\nappendonly no\n";
}

static std::string common_lines(const Endpoint& self, const std::string& dir) {
  return fmt::format(
      "# Written by rrt lab; see docs/lab.md.\n"
      "bind {}\nport {}\nprotected-mode no\ndaemonize no\ndir {}\nlogfile \"\"\n",
      self.host, self.port, dir);
}

std::string redis_config(const LabSpec& spec, const Endpoint& self, const std::string& dir,
                         const Endpoint* master) {
  std::string conf = common_lines(self, dir);
  conf += persistence_lines(spec.persistence);
  // A fresh replica would otherwise wait 5 s for a diskless full sync to start.
  conf += "repl-diskless-sync-delay 0\n";
  if (master) conf += fmt::format("replicaof {} {}\n", master->host, master->port);
  if (spec.kind == TopologyKind::kCluster) {
    conf += fmt::format(
        "cluster-enabled yes\ncluster-config-file nodes.conf\n"
        "cluster-node-timeout {}\n",
        spec.node_timeout_ms);
  }
  if (!spec.password.empty()) {
    conf += fmt::format("requirepass \"{}\"\nmasterauth \"{}\"\n", spec.password, spec.password);
  }
  for (const auto& [key, value] : spec.redis_config) conf += fmt::format("{} {}\n", key, value);
  return conf;
}

std::string nutcracker_config(const LabSpec& spec, const Endpoint& self, const Topology& topology) {
  std::string conf = fmt::format(
      "# Written by rrt lab; see docs/cluster.md.\n"
      "rrt:\n  listen: {}\n  hash: murmur\n  distribution: ketama\n  redis: true\n"
      "  timeout: 400\n  auto_eject_hosts: {}\n  server_retry_timeout: 1000\n"
      "  server_failure_limit: 2\n  servers:\n",
      self.to_string(), spec.auto_eject ? "true" : "false");
  for (const auto& n : topology.with_role(Role::kMaster)) {
    conf += fmt::format("   - {}:1 {}\n", n.endpoint.to_string(), n.name);
  }
  return conf;
}

std::string sentinel_config(const LabSpec& spec, const Endpoint& self, const std::string& dir,
                            const Endpoint& master) {
  std::string conf = common_lines(self, dir);
  const std::string& m = spec.master_name;
  conf += fmt::format("sentinel monitor {} {} {} {}\n", m, master.host, master.port, spec.quorum);
  conf += fmt::format("sentinel down-after-milliseconds {} {}\n", m, spec.down_after_ms);
  conf += fmt::format("sentinel failover-timeout {} {}\n", m, spec.failover_timeout_ms);
  conf += fmt::format("sentinel parallel-syncs {} {}\n", m, spec.parallel_syncs);
  if (!spec.password.empty()) {
    conf += fmt::format("requirepass \"{}\"\nsentinel auth-pass {} \"{}\"\n", spec.password, m,
                        spec.password);
  }
  for (const auto& [key, value] : spec.sentinel_config) conf += fmt::format("{} {}\n", key, value);
  return conf;
}

}  // namespace rrt
