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
  if (!spec.password.empty()) {
    conf += fmt::format("requirepass \"{}\"\nmasterauth \"{}\"\n", spec.password, spec.password);
  }
  for (const auto& [key, value] : spec.redis_config) conf += fmt::format("{} {}\n", key, value);
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
