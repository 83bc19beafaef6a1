// One RESP connection to a Redis server (or sentinel) on an Asio event loop, with C++20
// coroutines. Every operation has a deadline; every result is classified ok / fail / info
// (resp/outcome.h).
//
// A connection serves one caller at a time: call(), pipeline() and next_reply() must not overlap.
// After an `info` result (timeout, connection lost) the connection is closed, because replies
// still in flight would otherwise be taken for the answers to later requests.
//
// With ConnectOptions::tls the connection speaks TLS (resp/tls.h): the handshake follows the TCP
// connect, under its own deadline of `timeout`.
#pragma once

#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/clock.h"
#include "resp/command.h"
#include "resp/outcome.h"
#include "resp/tls.h"
#include "resp/url.h"

namespace rrt {

struct ConnectOptions {
  std::string user;      // ACL user; empty: default user
  std::string password;  // empty: no AUTH
  int db = 0;
  Nanos timeout = 2 * kSeconds;  // for TCP connect, AUTH and SELECT together
  // Creates the connection's socket: returns a file descriptor of a TCP socket for `family`
  // (AF_INET, AF_INET6), or -1 with errno set. A client on a netns host opens it inside the
  // host's namespace (net/netns_thread.h), since a socket lives in the namespace it was created
  // in. Null: the event loop thread creates it, in its own namespace. Runs on that thread, so
  // it must be quick.
  std::function<int(int family)> open_socket;
  // TLS settings, shared by every connection made with these options; null: plain TCP.
  std::shared_ptr<TlsContext> tls;

  // The URL's credentials and database, and `tls` (which the caller built from the URL's
  // scheme and the command's TLS flags).
  static ConnectOptions from_url(const RedisUrl& url, Nanos timeout = 2 * kSeconds,
                                 std::shared_ptr<TlsContext> tls = nullptr);
};

class Connection {
 public:
  explicit Connection(asio::any_io_executor executor);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Opens a TCP connection, makes the TLS handshake if the options ask for TLS, then sends AUTH
  // and SELECT if they ask for them. On failure the result is `fail` with error
  // "connect-refused", "connect-timeout", "tls-handshake", "auth", ...
  asio::awaitable<CallResult> connect(Endpoint endpoint, ConnectOptions options);

  bool is_open() const;
  void close();
  const Endpoint& endpoint() const;

  // Sends one command and waits at most `timeout` for its reply.
  asio::awaitable<CallResult> call(const Args& args, Nanos timeout);

  // Sends `encoded` (RESP for `count` commands, see append_command) in one write and waits at
  // most `timeout` for all `count` replies. `results` receives exactly `count` entries; if the
  // connection failed midway, the missing ones are `info` results.
  asio::awaitable<void> pipeline(const std::string& encoded, size_t count, Nanos timeout,
                                 std::vector<CallResult>* results);

  // Waits at most `timeout` for the next reply without sending anything (pub/sub messages).
  // A timeout here leaves the connection open: nothing was lost. Result error "timeout".
  asio::awaitable<CallResult> next_reply(Nanos timeout);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rrt
