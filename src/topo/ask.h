// One question to one node: connect, send one command, read its reply, close. The way rrt's
// set-up, readiness, status and fault code talks to Redis and Sentinel when it needs a single
// answer (clients that keep a connection use resp/ directly).
#pragma once

#include "base/clock.h"
#include "resp/connection.h"
#include "resp/reply.h"

namespace rrt {

// Connects to `node` (AUTH/SELECT as `options` says, all within options.timeout), sends
// `command`, waits at most `timeout` for the reply (0: options.timeout), and closes. Returns the
// classified result: an error reply is not ok() and its text is in `detail`. Never throws for
// what the node or the network does.
CallResult ask(const Endpoint& node, const Args& command, const ConnectOptions& options,
               Nanos timeout = 0);

// ask(), but the reply or EnvironmentError "<node> did not answer <command>: <detail>" (an error
// reply included: "... answered <command> with ERR ...").
Reply must_ask(const Endpoint& node, const Args& command, const ConnectOptions& options,
               Nanos timeout = 0);

}  // namespace rrt
