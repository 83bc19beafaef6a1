#include "topo/discovery.h"

#include <fmt/format.h>

#include "base/errors.h"
#include "resp/sync_client.h"
#include "topo/ask.h"
#include "topo/master.h"

namespace rrt {

static std::string known_masters(const Endpoint& sentinel, const ConnectOptions& options) {
  CallResult r = ask(sentinel, {"SENTINEL", "MASTERS"}, options);
  std::string names;
  for (size_t i = 0; r.ok() && i < r.reply.size(); ++i) {
    Reply fields = r.reply.at(i);
    for (size_t f = 0; f + 1 < fields.size(); f += 2) {
      if (fields.at(f).str() == "name") {
        names += names.empty() ? "" : ", ";
        names += fields.at(f + 1).str();
      }
    }
  }
  return names.empty() ? "none" : names;
}

Endpoint master_from_sentinels(const std::vector<Endpoint>& sentinels,
                               const std::string& master_name, const ConnectOptions& options) {
  std::string errors;
  for (const auto& sentinel : sentinels) {
    CallResult r = ask(sentinel, master_addr_command(master_name), options);
    if (r.ok() && r.reply.is_nil()) {
      throw UsageError(fmt::format("sentinel {} does not know a master named '{}'; it knows: {}",
                                   sentinel.to_string(), master_name,
                                   known_masters(sentinel, options)));
    }
    if (auto master = r.ok() ? master_addr_of(r.reply) : std::nullopt) return *master;
    errors +=
        fmt::format("\n  {}: {}", sentinel.to_string(), r.ok() ? "unexpected reply" : r.detail);
  }
  throw EnvironmentError(fmt::format("no sentinel answered for master '{}':{}", master_name,
                                     errors.empty() ? " no sentinel address given" : errors));
}

InfoFields node_info(const Endpoint& node, const std::string& section,
                     const ConnectOptions& options) {
  CallResult r = ask(node, {"INFO", section}, options);
  if (!r.ok()) return {};
  return parse_info(r.reply.str());
}

std::string node_role(const Endpoint& node, const ConnectOptions& options) {
  for (const auto& [key, value] : node_info(node, "server", options)) {
    if (key == "redis_mode" && value == "sentinel") return "sentinel";
  }
  for (const auto& [key, value] : node_info(node, "replication", options)) {
    if (key == "role") return value;
  }
  return "";
}

}  // namespace rrt
