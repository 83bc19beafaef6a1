// Finding out who is who, by asking the nodes (blocking, every request with a deadline).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "resp/connection.h"
#include "resp/sync_client.h"
#include "resp/url.h"

namespace rrt {

// Asks each sentinel in turn for the address of `master_name`; the first answer wins.
// Throws EnvironmentError if no sentinel answered (naming each address and its error), or
// UsageError if the sentinels do not know `master_name` (listing the names they do know).
Endpoint master_from_sentinels(const std::vector<Endpoint>& sentinels,
                               const std::string& master_name,
                               const ConnectOptions& options = {});

// The role a node reports in INFO replication ("master", "slave") or "sentinel"; empty if it
// did not answer within options.timeout.
std::string node_role(const Endpoint& node, const ConnectOptions& options = {});

// Field -> value of `INFO <section>` of a node; empty if it did not answer.
InfoFields node_info(const Endpoint& node, const std::string& section,
                     const ConnectOptions& options = {});

}  // namespace rrt
