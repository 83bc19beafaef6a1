#include "topo/ask.h"

#include <fmt/format.h>

#include "base/errors.h"
#include "resp/sync_client.h"

namespace rrt {

CallResult ask(const Endpoint& node, const Args& command, const ConnectOptions& options,
               Nanos timeout) {
  SyncClient client;
  CallResult r = client.connect(node, options);
  if (!r.ok()) return r;
  return client.call(command, timeout > 0 ? timeout : options.timeout);
}

Reply must_ask(const Endpoint& node, const Args& command, const ConnectOptions& options,
               Nanos timeout) {
  CallResult r = ask(node, command, options, timeout);
  if (r.ok()) return std::move(r.reply);
  if (r.reply.type() == Reply::Type::kError) {
    throw EnvironmentError(fmt::format("{} answered {} with {}", node.to_string(),
                                       describe_command(command), r.detail));
  }
  throw EnvironmentError(fmt::format("{} did not answer {}: {}", node.to_string(),
                                     describe_command(command), r.detail));
}

}  // namespace rrt
