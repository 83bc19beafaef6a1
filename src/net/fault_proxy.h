// A TCP fault proxy in front of one node: it listens on its own port, forwards every connection
// to the node, and applies the link rules between the connection's source and the node, plus
// toxics on the whole proxy (down, reset, blackhole, slow close).
//
// The source of a connection is found by its address: lab nodes connect from their own loopback
// address (Redis's bind-source-addr), anything unknown is "host". A client link is a proxy
// whose every connection counts as coming from one client host.
// Runs on the io thread of its ProxyNetwork; call every member from that thread.
#pragma once

#include <asio/awaitable.hpp>
#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <functional>
#include <memory>
#include <set>
#include <string>

#include "net/link_rules.h"
#include "net/proxy_session.h"
#include "resp/url.h"

namespace rrt {

struct ProxyConfig {
  std::string node;   // the node it fronts: the destination of everything it carries
  Endpoint listen;    // port 0: the kernel picks one (see endpoint())
  Endpoint upstream;  // the node's own address
  std::string from;   // every connection's source; empty: found by identify()
};

class FaultProxy : public std::enable_shared_from_this<FaultProxy> {
 public:
  // Source name of a peer address ("127.77.0.11" -> "redis-1").
  using Identify = std::function<std::string(const std::string& address)>;

  // `rules` outlives the proxy.
  FaultProxy(asio::io_context& io, ProxyConfig config, LinkRules& rules, Identify identify);

  // Binds and listens. Throws EnvironmentError if the port is taken.
  void start();
  // Closes the listener and every connection.
  void stop();

  // down: refuse new connections (the listener is closed) and close open ones.
  void set_down(bool down);
  // reset: send an RST on every open connection, and on every new one right after accepting it.
  void set_reset(bool reset);
  // blackhole: accept, swallow, forward nothing; close each connection after `close_after`
  // (0: never). Lifting it closes the blackholed connections, whose bytes are lost.
  void set_blackhole(bool on, Nanos close_after = 0);
  // Delay before a close by the node reaches the client (0: none).
  void set_slow_close(Nanos delay);

  Endpoint endpoint() const;  // where it listens
  const ProxyConfig& config() const { return config_; }
  size_t open_connections();

 private:
  void listen();
  asio::awaitable<void> accept_loop();
  void on_accept(asio::ip::tcp::socket socket);
  void prune();

  asio::io_context& io_;
  ProxyConfig config_;
  LinkRules& rules_;
  Identify identify_;
  asio::ip::tcp::acceptor acceptor_;
  std::shared_ptr<ProxyToxics> toxics_ = std::make_shared<ProxyToxics>();
  std::set<std::shared_ptr<ProxySession>> sessions_;
  bool down_ = false;
  bool reset_ = false;
  Nanos blackhole_close_after_ = 0;
  bool stopped_ = false;
};

}  // namespace rrt
