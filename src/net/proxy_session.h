// One connection through a fault proxy: the client's socket, the node's socket, and a flow of
// bytes each way that applies the link's effects (net/link_rules.h) and the proxy's toxics.
// Lives on the proxies' io thread; every member is used from that thread only.
#pragma once

#include <asio/awaitable.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/steady_timer.hpp>
#include <deque>
#include <memory>
#include <string>

#include "base/clock.h"
#include "net/link_rules.h"
#include "resp/url.h"

namespace rrt {

// Toxics on a whole proxy, whoever connects to it. Shared by the proxy and its sessions.
struct ProxyToxics {
  bool blackhole = false;  // accept and swallow everything, forward nothing
  Nanos slow_close = 0;    // delay before a close by the node reaches the client
};

class ProxySession : public std::enable_shared_from_this<ProxySession> {
 public:
  // `from` sent the connection to node `to`. `rules` outlives the session.
  ProxySession(asio::ip::tcp::socket client, std::string from, std::string to, LinkRules& rules,
               std::shared_ptr<const ProxyToxics> toxics);

  // Connects to `upstream` and forwards both ways until either side closes; a blackholed
  // session never connects. Resets the client if the node cannot be reached.
  void start(const Endpoint& upstream);
  // Closes both sockets (FIN).
  void close();
  // Closes the client's socket with an RST (SO_LINGER 0) and the node's socket with a FIN.
  void reset();
  // Closes the session `after` from now (the timeout toxic); 0: never.
  void close_after(Nanos after);
  bool closed() const { return closed_; }
  const std::string& from() const { return from_; }

 private:
  struct Chunk {
    Nanos due;
    std::string data;
  };
  // Bytes travelling one way: read from `src`, queued until due, written to `dst`.
  struct Flow {
    Flow(asio::ip::tcp::socket& src, asio::ip::tcp::socket& dst, std::string from, std::string to);
    asio::ip::tcp::socket& src;
    asio::ip::tcp::socket& dst;
    std::string from, to;
    std::deque<Chunk> queue;
    size_t queued = 0;  // bytes in queue
    bool eof = false;   // src ended cleanly: pass the end on once the queue is empty
    bool done = false;  // dst got the end
    Nanos last_due = 0;
    asio::steady_timer wake;  // the writer waits on it; the reader cancels it to wake it
  };

  asio::awaitable<void> run(Endpoint upstream);
  asio::awaitable<void> read_flow(Flow& f);
  asio::awaitable<void> write_flow(Flow& f, bool to_client);
  asio::awaitable<void> sleep(Nanos d);
  Nanos due_time(Flow& f, size_t bytes);

  asio::ip::tcp::socket client_;
  asio::ip::tcp::socket node_;
  std::string from_, to_;
  LinkRules& rules_;
  std::shared_ptr<const ProxyToxics> toxics_;
  Flow up_;    // client -> node
  Flow down_;  // node -> client
  asio::steady_timer close_timer_;
  bool closed_ = false;
};

}  // namespace rrt
