// Network faults applied by TCP fault proxies on loopback: no root needed. Every node is reached
// through its proxy (the lab announces the proxy's address, so replication and sentinel traffic
// go through it too), and every node connects to others from its own loopback address, so a
// proxy knows both ends of every connection and can cut single links.
//
// How each verb maps onto a byte stream (TCP cannot lose a byte, so neither can the proxy):
//   partition / cut_one_way  bytes across a cut wait (the sender stalls, as behind a dead link)
//                            and flow again after heal, in order
//   latency / jitter         each chunk a node sends is delayed by latency +- jitter
//   loss                     a chunk is delayed by a retransmission timeout (200 ms) with the
//                            given probability: what TCP makes of packet loss
//   bandwidth                a token bucket per sending node, shared by all its connections
// and proxy toxics on one node's proxy, whoever connects: down, reset, blackhole, slow_close.
//
// The proxies run on one thread owned by this object (threads are fine in a lab's owner; lab
// processes are still spawned from the main thread). Methods may be called from any thread.
#pragma once

#include <memory>
#include <string>

#include "net/network_faults.h"
#include "resp/url.h"

namespace rrt {

class ProxyNetwork : public NetworkFaults {
 public:
  ProxyNetwork();            // starts the proxies' thread
  ~ProxyNetwork() override;  // closes every proxy and connection, joins the thread
  ProxyNetwork(const ProxyNetwork&) = delete;
  ProxyNetwork& operator=(const ProxyNetwork&) = delete;

  // Puts a proxy for node `name` on `listen`, forwarding to `upstream`; connections from
  // `source_address` count as coming from `name`. Returns where the proxy listens (`listen`
  // with port 0 gets a free port). EnvironmentError if the port is taken.
  Endpoint add_node(const std::string& name, const Endpoint& listen, const Endpoint& upstream,
                    const std::string& source_address);
  // Another proxy in front of node `name` (added before), on `listen`, forwarding to `upstream`:
  // for a second port of the node, such as its Redis Cluster bus. Client links go to the first.
  Endpoint add_port(const std::string& name, const Endpoint& listen, const Endpoint& upstream);
  // A link for client host `client` to node `node`: a proxy on a free loopback port whose every
  // connection counts as coming from `client`. Returns its address.
  Endpoint add_link(const std::string& client, const std::string& node);
  // Connections from `source_address` count as coming from client host `client` (a client that
  // binds its sockets to that address reaches every node's own proxy as itself).
  void add_source(const std::string& client, const std::string& source_address);
  // Closes every proxy (the object stays usable for queries only).
  void stop();

  std::string mechanism() const override { return "proxy"; }
  void partition(const std::vector<std::vector<std::string>>& groups) override;
  void cut_one_way(const std::string& from, const std::string& to) override;
  void loss(const std::string& node, double percent) override;
  void bandwidth(const std::string& node, int kbit_per_s) override;
  void latency(const std::string& node, Nanos delay, Nanos jitter) override;
  // Lifts every link fault and every proxy toxic.
  void heal() override;

  // Proxy toxics on node `node`'s proxy (and its client links), whoever connects.
  void down(const std::string& node);   // refuse new connections, close open ones
  void reset(const std::string& node);  // RST open connections and every new one
  // Accept and swallow; close each connection after `close_after` (0: keep it open).
  void blackhole(const std::string& node, Nanos close_after = 0);
  void slow_close(const std::string& node, Nanos delay);

  // Open connections through node `node`'s proxy (tests, `rrt net status`).
  size_t open_connections(const std::string& node);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rrt
