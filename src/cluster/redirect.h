// Cluster redirections in error replies: "MOVED <slot> <host:port>" (the slot lives elsewhere
// now: update the map) and "ASK <slot> <host:port>" (the slot is migrating: ask there once,
// preceded by ASKING, and keep the map).
#pragma once

#include <optional>
#include <string_view>

#include "resp/url.h"

namespace rrt {

struct Redirect {
  bool moved = false;  // MOVED; false: ASK
  int slot = 0;
  Endpoint target;
};

// The redirection an error reply's text asks for; nothing if it is not a well-formed MOVED or
// ASK. "MOVED 3999 :6381" (empty host: the same host as the node that answered) keeps
// `answered_by`'s host.
std::optional<Redirect> parse_redirect(std::string_view error, const Endpoint& answered_by);

}  // namespace rrt
