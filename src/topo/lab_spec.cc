#include "topo/lab_spec.h"

#include <fmt/format.h>

#include "base/enum_names.h"
#include "base/errors.h"

namespace rrt {

static void require(bool ok, const std::string& message) {
  if (!ok) throw UsageError(message);
}

constexpr EnumName<HostsMode> kHostsModes[] = {
    {HostsMode::kLoopback, "loopback"}, {HostsMode::kNetns, "netns"}, {HostsMode::kProxy, "proxy"}};

const char* hosts_name(HostsMode mode) {
  return name_in(kHostsModes, mode);
}

std::string hosts_mode_names() {
  return names_in(kHostsModes);
}

std::optional<HostsMode> parse_hosts_mode(std::string_view text) {
  return value_in(kHostsModes, text);
}

HostsMode must_parse_hosts_mode(std::string_view text, std::string_view what) {
  if (auto m = parse_hosts_mode(text)) return *m;
  throw UsageError(fmt::format("bad {} '{}': expected {}", what, text, hosts_mode_names()));
}

void LabSpec::validate() const {
  require(!name.empty() &&
              name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_") == std::string::npos,
          fmt::format("bad lab name '{}': expected lower-case letters, digits, '-' or '_'", name));
  if (kind == TopologyKind::kProxy) {
    require(masters >= 1 && masters <= 16,
            fmt::format("bad --masters {}: expected 1 to 16", masters));
    require(hosts == HostsMode::kLoopback, "a proxy lab runs with --hosts loopback");
  }
  if (kind == TopologyKind::kCluster) {
    require(masters >= 1 && masters <= 16,
            fmt::format("bad --masters {}: expected 1 to 16", masters));
    require(replicas <= 4,
            fmt::format("bad --replicas {}: a cluster lab has 0 to 4 per master", replicas));
    require(node_timeout_ms >= 100,
            fmt::format("bad --node-timeout-ms {}: expected >= 100", node_timeout_ms));
  }
  require(replicas >= 0 && replicas <= 16,
          fmt::format("bad --replicas {}: expected 0 to 16", replicas));
  if (kind == TopologyKind::kSentinel) {
    require(sentinels >= 1 && sentinels <= 9,
            fmt::format("bad --sentinels {}: expected 1 to 9", sentinels));
    require(quorum >= 1 && quorum <= sentinels,
            fmt::format("bad --quorum {}: expected 1 to the number of sentinels ({})", quorum,
                        sentinels));
    require(down_after_ms >= 100,
            fmt::format("bad --down-after-ms {}: expected >= 100", down_after_ms));
    require(failover_timeout_ms >= 1000,
            fmt::format("bad failover timeout {} ms: expected >= 1000", failover_timeout_ms));
  }
  require(persistence == "none" || persistence == "rdb" || persistence == "aof" ||
              persistence == "aof-everysec" || persistence == "aof-always",
          fmt::format("bad --persistence '{}': expected none, rdb, aof, aof-everysec or aof-always",
                      persistence));
  require(base_port == 0 || (base_port >= 1024 && base_port + port_count() <= 55535),
          fmt::format("bad --base-port {}: expected 1024 to {}", base_port, 55535 - port_count()));
  require(client_hosts >= 0 && client_hosts <= 16,
          fmt::format("bad client_hosts {}: expected 0 to 16", client_hosts));
  require(!tls || kind != TopologyKind::kProxy,
          "a proxy lab (twemproxy) has no TLS: drop --tls or pick another kind");
  require(!tls || kind != TopologyKind::kCluster || hosts != HostsMode::kProxy,
          "a TLS cluster lab runs with --hosts loopback or netns (the fault proxies announce "
          "plain ports on the cluster bus)");
  require(client_hosts == 0 || hosts != HostsMode::kLoopback,
          "client_hosts needs hosts: netns or proxy (clients live in network namespaces, or "
          "connect from their own loopback address through the fault proxies)");
}

int LabSpec::data_node_count() const {
  if (kind == TopologyKind::kStandalone) return 1;
  if (kind == TopologyKind::kCluster) return masters * (1 + replicas);
  if (kind == TopologyKind::kProxy) return masters;
  return 1 + replicas;
}

int LabSpec::port_count() const {
  int data_nodes = data_node_count();
  int sentinel_nodes = kind == TopologyKind::kSentinel ? sentinels
                       : kind == TopologyKind::kProxy  ? 2  // proxy + stats
                                                       : 0;
  int nodes = data_nodes + sentinel_nodes + 4;  // 4 spare ports for replicas added at run time
  return hosts == HostsMode::kProxy ? 2 * nodes
                                    : nodes;  // the upper half for the nodes' fault proxies
}

ConnectOptions LabSpec::connect_options(Nanos timeout) const {
  ConnectOptions o;
  o.password = password;
  o.timeout = timeout;
  if (tls) o.tls = tls_context ? tls_context : TlsContext::make(tls_client);
  return o;
}

nlohmann::json to_json(const LabSpec& s) {
  return {{"name", s.name},
          {"kind", kind_name(s.kind)},
          {"replicas", s.replicas},
          {"masters", s.masters},
          {"node_timeout_ms", s.node_timeout_ms},
          {"auto_eject", s.auto_eject},
          {"sentinels", s.sentinels},
          {"quorum", s.quorum},
          {"down_after_ms", s.down_after_ms},
          {"failover_timeout_ms", s.failover_timeout_ms},
          {"parallel_syncs", s.parallel_syncs},
          {"persistence", s.persistence},
          {"base_port", s.base_port},
          {"master_name", s.master_name},
          {"hosts", hosts_name(s.hosts)},
          {"redis_config", s.redis_config},
          {"sentinel_config", s.sentinel_config},
          {"client_hosts", s.client_hosts},
          {"tls", s.tls},
          {"tls_ca_cert", s.tls_client.ca_file},
          {"tls_cert", s.tls_client.cert_file},
          {"tls_key", s.tls_client.key_file}};
}

LabSpec lab_spec_from_json(const nlohmann::json& j) {
  LabSpec s;
  s.name = j.value("name", s.name);
  s.kind = must_parse_topology_kind(j.value("kind", kind_name(s.kind)), "lab kind");
  s.replicas = j.value("replicas", s.replicas);
  s.masters = j.value("masters", s.masters);
  s.node_timeout_ms = j.value("node_timeout_ms", s.node_timeout_ms);
  s.auto_eject = j.value("auto_eject", s.auto_eject);
  s.sentinels = j.value("sentinels", s.sentinels);
  s.quorum = j.value("quorum", s.quorum);
  s.down_after_ms = j.value("down_after_ms", s.down_after_ms);
  s.failover_timeout_ms = j.value("failover_timeout_ms", s.failover_timeout_ms);
  s.parallel_syncs = j.value("parallel_syncs", s.parallel_syncs);
  s.persistence = j.value("persistence", s.persistence);
  s.base_port = j.value("base_port", s.base_port);
  s.master_name = j.value("master_name", s.master_name);
  s.hosts = must_parse_hosts_mode(j.value("hosts", hosts_name(s.hosts)), "hosts");
  s.redis_config = j.value("redis_config", s.redis_config);
  s.sentinel_config = j.value("sentinel_config", s.sentinel_config);
  s.client_hosts = j.value("client_hosts", s.client_hosts);
  s.tls = j.value("tls", false);
  s.tls_client.enabled = s.tls;
  s.tls_client.ca_file = j.value("tls_ca_cert", std::string());
  s.tls_client.cert_file = j.value("tls_cert", std::string());
  s.tls_client.key_file = j.value("tls_key", std::string());
  return s;
}

}  // namespace rrt
