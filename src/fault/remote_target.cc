#include "fault/remote_target.h"

#include <fmt/format.h>

#include "base/errors.h"
#include "topo/ask.h"

namespace rrt {

std::string remote_call(const TargetNode& node, const ConnectOptions& o, const Args& args) {
  CallResult r = ask(node.endpoint, args, o);
  if (!r.ok()) {
    throw EnvironmentError(fmt::format("{} ({}) refused {}: {}", node.name,
                                       node.endpoint.to_string(), describe_command(args),
                                       r.detail));
  }
  return std::string(r.reply.str());
}

}  // namespace rrt
