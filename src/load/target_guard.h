// Where load may go. rrt bench and the scenario workloads push a server as hard as they can, so
// by default they only talk to loopback addresses (127.0.0.0/8, ::1), where the only server at
// risk is one rrt or the user started for testing. Loading another address needs an explicit
// allow-remote flag and a rate cap, so a typo in a URL cannot flood a production server.
#pragma once

#include <string>

#include "resp/url.h"

namespace rrt {

// True if every address `host` names (an IP literal, or a name resolved now) is loopback. A name
// that does not resolve is not loopback.
bool is_loopback_host(const std::string& host);

// Throws UsageError unless `endpoint` is loopback, or `allow_remote` is set and `rate` > 0.
void check_load_target(const Endpoint& endpoint, bool allow_remote, double rate);

}  // namespace rrt
