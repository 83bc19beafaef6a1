// How a client's operation ended, classified as Jepsen does (see docs/history.md):
//   ok   - the server answered with success;
//   fail - the operation certainly did not take effect (refused before sending, or an error
//          reply such as -READONLY, -NOREPLICAS, -MOVED, -LOADING: Redis rejected it);
//   info - unknown: a timeout or a lost connection after the request was sent.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "resp/reply.h"

namespace rrt {

// The history records it as the completion type of the same name (the load engine,
// load/load_client.cc).
enum class Outcome : uint8_t { kOk, kFail, kInfo };

struct CallResult {
  Outcome outcome = Outcome::kInfo;
  Reply reply;         // set when the server answered (ok or error reply)
  std::string error;   // kind for fail/info: "READONLY", "timeout", "connection-refused", ...
  std::string detail;  // full error text for people

  bool ok() const { return outcome == Outcome::kOk; }
};

// The kind of a Redis error reply: its first word ("READONLY", "ERR", "MOVED", ...).
std::string error_kind(std::string_view error_text);

// Classifies a reply the server sent.
CallResult classify_reply(Reply reply);

// An `ok` result with no reply: a connection that is (or was made) ready.
CallResult succeeded();

// Results for failures on our side of the wire.
CallResult failed_before_send(std::string kind, std::string detail);
CallResult unknown_after_send(std::string kind, std::string detail);

}  // namespace rrt
