// Sentinel's pub/sub event stream (+sdown, +odown, +switch-master, ...), as timestamped messages.
#pragma once

#include <atomic>
#include <functional>
#include <string>

#include <asio/awaitable.hpp>

#include "base/clock.h"
#include "resp/connection.h"
#include "resp/url.h"

namespace rrt {

struct SentinelMessage {
  Nanos mono = 0;  // mono_ns() when it arrived
  Nanos wall = 0;  // wall_ns() when it arrived
  Endpoint sentinel;
  std::string channel;  // the event name, e.g. "+switch-master"
  std::string payload;  // e.g. "mymaster 127.0.0.1 7000 127.0.0.1 7001"
};

// Subscribes to `pattern` (PSUBSCRIBE) on one sentinel and calls `on_message` for every message
// until `stop` becomes true. Reconnects after errors (with a short pause), so a sentinel that is
// stopped and started again is followed. Checks `stop` at least every 200 ms; every network call
// has a deadline. `on_error` (optional) hears about connection problems.
asio::awaitable<void> watch_sentinel(Endpoint sentinel, ConnectOptions options, std::string pattern,
                                     std::function<void(const SentinelMessage&)> on_message,
                                     const std::atomic<bool>& stop,
                                     std::function<void(const std::string&)> on_error = {});

}  // namespace rrt
