// Netns hosts: every node and client host in its own network namespace "rrt-<lab>-<host>",
// attached by a veth pair to a bridge "rrt-<id>" that rrt creates, with its own address in a
// /24 that collides with no route on the machine (10.213.x.0/24). The root namespace gets the
// network's first address on the bridge, so rrt's own clients and observers reach every host.
//
// Every namespace and interface is claimed (net/net_claims.h) before it is created; destroy()
// and the claim's cleanup after a crash remove them all. Needs root.
#pragma once

#include <memory>
#include <vector>

#include "net/lab_hosts.h"
#include "net/net_claims.h"
#include "net/net_names.h"
#include "net/netns_network.h"

namespace rrt {

class NetnsHosts : public LabHosts {
 public:
  // Chooses the subnet and writes the claim; creates nothing yet. EnvironmentError without root
  // or without the ip / iptables-restore / tc tools.
  explicit NetnsHosts(const LabHostsOptions& options);
  ~NetnsHosts() override;

  std::string mechanism() const override { return "netns"; }
  Endpoint place(NodeInfo& info) override;
  std::string config_lines(const NodeInfo& info) const override { return ""; }
  void create() override;
  void destroy() override;
  ClientHost add_client_host(const std::string& name) override;
  NetworkFaults& faults() override { return network_; }
  nlohmann::json record() const override;

  const Ipv4Net& subnet() const { return subnet_; }
  const std::string& bridge() const { return bridge_; }

 private:
  struct Host {
    NetnsHost net;
    std::string veth;
    bool created = false;
  };
  NetnsHost add_host(const std::string& name);
  void create_bridge();

  LabHostsOptions options_;
  std::string id_;
  std::string bridge_;
  Ipv4Net subnet_;
  std::unique_ptr<NetClaim> claim_;
  std::vector<Host> hosts_;
  bool bridge_created_ = false;
  NetnsNetwork network_;
};

}  // namespace rrt
