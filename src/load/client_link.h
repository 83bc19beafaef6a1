// Where one load client's requests go: the seam between the load engine's loop (pace, batch,
// record, count) and the choice of server.
//
// Two implementations: FixedLink (load/fixed_link.h), one address as `rrt bench` is given, and
// TargetClient (workload/target_client.h), a role ("the master", "a replica") that moves with
// failovers, or a Redis Cluster client routing each key to its slot's master, used when a
// scenario drives the engine.
#pragma once

#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/clock.h"
#include "load/generator.h"
#include "resp/outcome.h"

namespace rrt {

class ClientLink {
 public:
  virtual ~ClientLink() = default;

  virtual bool is_open() const = 0;
  // Opens a connection to the server the link stands for. Returns ok, or the `fail` result of
  // the attempt ("connect-refused", "no-master", ...). Bounded by the link's connect deadline.
  virtual asio::awaitable<CallResult> ensure() = 0;
  // Says the next request is for `key`, before the operation is recorded: a link that routes
  // by key (a cluster client) points node() at the key's node and sends the next request there.
  // Others ignore it.
  virtual void route(const std::string& key) { (void)key; }
  // As Connection::pipeline: `count` requests in one write, their replies within `timeout`;
  // `results` gets exactly `count` entries. The link closes itself after a result that says
  // the server is gone or no longer the right one, so the next ensure() looks again.
  virtual asio::awaitable<void> pipeline(const std::string& encoded, size_t count, Nanos timeout,
                                         std::vector<CallResult>* results) = 0;
  // "host:port" of the server the link is (or last tried to be) connected to; after a request,
  // the one that answered it (a cluster client may have followed a redirect).
  virtual const std::string& node() const = 0;
  virtual void close() = 0;
};

// Makes client `client_id`'s link for `route` on the event loop of `executor` (the client's
// thread). A client asks for its replica link when its generator first routes an operation there.
using LinkFactory = std::function<std::unique_ptr<ClientLink>(int client_id, Route route,
                                                              asio::any_io_executor executor)>;

}  // namespace rrt
