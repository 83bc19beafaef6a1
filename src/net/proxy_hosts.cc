#include "net/proxy_hosts.h"

#include <fmt/format.h>

#include "base/errors.h"

namespace rrt {

static constexpr int kClusterBusOffset = 10000;  // Redis: the bus port is the port + 10000

static bool is_data_node(const NodeInfo& info) {
  return info.role == Role::kMaster || info.role == Role::kReplica;
}

ProxyHosts::ProxyHosts(const LabHostsOptions& options) : options_(options) {
  if (options_.proxy_port_offset <= 0) throw UsageError("proxy hosts need a proxy port offset");
}

const ProxyHosts::Node& ProxyHosts::node(const std::string& name) const {
  for (const auto& n : nodes_) {
    if (n.info.name == name) return n;
  }
  throw UsageError(fmt::format("no node named '{}' behind the proxies", name));
}

Endpoint ProxyHosts::place(NodeInfo& info) {
  Node n;
  n.listen = {"127.0.0.1", info.endpoint.port};
  n.source = fmt::format("127.77.0.{}", 10 + static_cast<int>(nodes_.size()) + 1);
  info.endpoint = {"127.0.0.1", info.endpoint.port + options_.proxy_port_offset};
  info.netns.clear();
  n.info = info;
  nodes_.push_back(n);
  return n.listen;
}

std::string ProxyHosts::config_lines(const NodeInfo& info) const {
  const Node& n = node(info.name);
  std::string lines = fmt::format(
      "# Reached through rrt's fault proxy {}; connects out from {} so the proxies know it.\n"
      "bind-source-addr {}\n",
      n.info.endpoint.to_string(), n.source, n.source);
  if (info.role == Role::kSentinel) {
    return lines + fmt::format("sentinel announce-ip {}\nsentinel announce-port {}\n",
                               n.info.endpoint.host, n.info.endpoint.port);
  }
  lines += fmt::format("replica-announce-ip {}\nreplica-announce-port {}\n", n.info.endpoint.host,
                       n.info.endpoint.port);
  if (options_.cluster_bus && is_data_node(info)) {
    lines += fmt::format(
        "cluster-announce-ip {}\ncluster-announce-port {}\ncluster-announce-bus-port {}\n",
        n.info.endpoint.host, n.info.endpoint.port, n.info.endpoint.port + kClusterBusOffset);
  }
  return lines;
}

void ProxyHosts::create() {
  for (auto& n : nodes_) {
    if (n.created) continue;
    network_.add_node(n.info.name, n.info.endpoint, n.listen, n.source);
    if (options_.cluster_bus && is_data_node(n.info)) {
      network_.add_port(n.info.name,
                        {n.info.endpoint.host, n.info.endpoint.port + kClusterBusOffset},
                        {n.listen.host, n.listen.port + kClusterBusOffset});
    }
    n.created = true;
  }
  if (options_.on_record) options_.on_record();
}

void ProxyHosts::destroy() {
  network_.stop();
  for (auto& n : nodes_) n.created = false;
}

ClientHost ProxyHosts::add_client_host(const std::string& name) {
  for (const auto& n : nodes_) {
    if (n.info.name == name) throw UsageError(fmt::format("'{}' is a node's name", name));
  }
  ClientHost c;
  c.name = name;
  c.address = fmt::format("127.77.1.{}", 10 + ++clients_);
  network_.add_source(name, c.address);
  for (const auto& n : nodes_) {
    c.links[n.info.endpoint.to_string()] = network_.add_link(name, n.info.name);
  }
  return c;
}

nlohmann::json ProxyHosts::record() const {
  nlohmann::json proxies = nlohmann::json::array();
  for (const auto& n : nodes_) {
    proxies.push_back({{"node", n.info.name},
                       {"proxy", n.info.endpoint.to_string()},
                       {"listen", n.listen.to_string()},
                       {"source", n.source}});
  }
  // Nothing here outlives the owner: the proxies are its threads.
  return {{"mechanism", "proxy"}, {"proxies", proxies}};
}

}  // namespace rrt
