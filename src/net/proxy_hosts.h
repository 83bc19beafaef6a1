// Proxy hosts: every node listens on loopback as usual, but is announced (replica-announce-*,
// sentinel announce-*, the sentinels' monitor line) at its fault proxy, node port + offset, and
// connects out from its own loopback source address 127.77.0.<10+i> (bind-source-addr), by
// which the proxies recognise it. So replication, sentinel and client traffic all pass through
// proxies, and ProxyNetwork can cut single links. No root needed; the proxies are threads of
// the lab's owner and end with it.
//
// Redis Cluster (options.cluster_bus): a node's cluster bus listens on its port + 10000 and gets
// a proxy of its own on the proxy's port + 10000; the node announces both proxies
// (cluster-announce-ip/port/bus-port), and its bus connections leave from its source address
// (bind-source-addr applies to them too), so gossip and failover votes cross the proxies.
//
// Client hosts bind their sockets to a source address of their own, 127.77.1.<10+k>, so every
// node's proxy knows them (and so do the proxies of nodes announced later, in -MOVED replies or
// CLUSTER SLOTS); each also gets a link per node (ClientHost::links) for clients that cannot bind.
#pragma once

#include <vector>

#include "net/lab_hosts.h"
#include "net/proxy_network.h"

namespace rrt {

class ProxyHosts : public LabHosts {
 public:
  explicit ProxyHosts(const LabHostsOptions& options);

  std::string mechanism() const override { return "proxy"; }
  Endpoint place(NodeInfo& info) override;
  std::string config_lines(const NodeInfo& info) const override;
  void create() override;
  void destroy() override;
  ClientHost add_client_host(const std::string& name) override;
  NetworkFaults& faults() override { return network_; }
  nlohmann::json record() const override;

  ProxyNetwork& proxies() { return network_; }

 private:
  struct Node {
    NodeInfo info;    // as announced
    Endpoint listen;  // where the node's process listens
    std::string source;
    bool created = false;
  };
  const Node& node(const std::string& name) const;

  LabHostsOptions options_;
  std::vector<Node> nodes_;
  int clients_ = 0;  // client hosts added
  ProxyNetwork network_;
};

}  // namespace rrt
