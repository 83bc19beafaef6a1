// Where a lab's nodes live on the network when loopback is not enough: each in its own network
// namespace on a bridge (netns hosts, needs root), or behind rrt's TCP fault proxies (proxy
// hosts, no root). The lab asks it where each node listens and what it announces, creates the
// network before it starts the nodes and destroys it after they stopped. Its NetworkFaults
// applies partitions and other faults with the matching mechanism.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "net/network_faults.h"
#include "topo/lab_spec.h"
#include "topo/topology.h"

namespace rrt {

// A host for workload clients ("client-1"), placed on the lab's network like a node so that
// partitions can put clients on either side.
struct ClientHost {
  std::string name;
  // netns hosts: the namespace to run the client's threads in (net/netns_thread.h). Empty for
  // proxy hosts, whose clients run anywhere and connect through their own links.
  std::string netns;
  // Its address on the lab network (netns), or the loopback source address its sockets bind to
  // (proxy: net/source_address.h), by which every node's proxy knows it.
  std::string address;
  // Proxy hosts: announced node address ("127.0.0.1:7105") -> this client's link to that node.
  std::map<std::string, Endpoint> links;

  // Where this client connects to reach `announced` (an address from the topology or from a
  // sentinel). Addresses of nodes without a link (netns hosts: all) are returned unchanged.
  Endpoint route(const Endpoint& announced) const;
};

class LabHosts {
 public:
  virtual ~LabHosts() = default;

  virtual std::string mechanism() const = 0;  // "netns" or "proxy"

  // Places node `info`, whose info.endpoint holds the port the lab reserved for it: sets
  // info.endpoint to where clients and other nodes reach it and info.netns to its namespace, and
  // returns where its process listens. Creates nothing until create().
  virtual Endpoint place(NodeInfo& info) = 0;
  // redis.conf or sentinel.conf lines the node needs on top of the lab's (announce settings,
  // bind-source-addr), each ending in a newline.
  virtual std::string config_lines(const NodeInfo& info) const = 0;
  // Creates the network for every node placed since the last call. Throws EnvironmentError; what
  // was created is removed by destroy().
  virtual void create() = 0;
  // Removes everything created. Safe to call twice and after a failed create().
  virtual void destroy() = 0;

  // Adds a client host named `name` (not a node name). Call after create().
  virtual ClientHost add_client_host(const std::string& name) = 0;
  // Faults between the nodes and client hosts; valid as long as this object.
  virtual NetworkFaults& faults() = 0;
  // What exists, for lab.json's "net" (and its cleanup after a crash: net/net_claims.h).
  virtual nlohmann::json record() const = 0;
};

struct LabHostsOptions {
  HostsMode mode = HostsMode::kNetns;  // netns or proxy
  std::string lab;                     // lab name
  std::string lab_dir;        // lab directory: makes the network's id unique across RRT_HOMEs
  int proxy_port_offset = 0;  // proxy hosts: proxy port = node port + offset
  // Called after every change to record() (before the object it names is created), so the
  // lab can copy it into lab.json.
  std::function<void()> on_record;
  // Proxy hosts: the data nodes are Redis Cluster nodes, whose cluster bus (port + 10000) gets a
  // proxy too (at proxy port + 10000), announced with cluster-announce-*.
  bool cluster_bus = false;
};

// Netns hosts need root: without it, EnvironmentError pointing to --hosts proxy. UsageError for
// loopback (which needs no hosts).
std::unique_ptr<LabHosts> make_lab_hosts(const LabHostsOptions& options);

// Removes what a "net" record (LabHosts::record() in a dead owner's lab.json) names.
void release_lab_network(const nlohmann::json& net_record);

}  // namespace rrt
