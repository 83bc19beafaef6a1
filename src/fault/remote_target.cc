#include "fault/remote_target.h"

#include <fmt/format.h>

#include "base/errors.h"
#include "resp/sync_client.h"
#include "topo/ask.h"
#include "topo/discovery.h"
#include "topo/master.h"

namespace rrt {

namespace {

TargetNode named(const Topology& t, const Endpoint& ep, const std::string& role) {
  const NodeInfo* n = t.find(ep);
  return {n ? n->name : ep.to_string(), ep, role};
}

TargetNode remote_master(const Topology& t, const ConnectOptions& o) {
  return named(t, must_find_master(t, o), "master");
}

TargetNode remote_replica(const Topology& t, const ConnectOptions& o) {
  for (const auto& n : t.nodes) {
    if (n.role != Role::kSentinel && node_role(n.endpoint, o) == "slave") {
      return {n.name, n.endpoint, "replica"};
    }
  }
  throw EnvironmentError("no node answers as replica");
}

TargetNode remote_sentinel(const Topology& t, const ConnectOptions& o) {
  for (const auto& n : t.with_role(Role::kSentinel)) {
    if (ask(n.endpoint, {"PING"}, o).ok()) return {n.name, n.endpoint, "sentinel"};
  }
  throw EnvironmentError("no sentinel answers");
}

}  // namespace

TargetNode resolve_remote_target(const Topology& t, const ConnectOptions& o,
                                 const std::string& word) {
  if (word == "master") return remote_master(t, o);
  if (word == "replica" || word == "any-replica") return remote_replica(t, o);
  if (word == "sentinel" || word == "any-sentinel") return remote_sentinel(t, o);
  const NodeInfo* n = t.find(word);
  if (!n) {
    std::string names;
    for (const auto& node : t.nodes) names += (names.empty() ? "" : ", ") + node.name;
    throw UsageError(fmt::format("no node named '{}' (nodes: {})", word, names));
  }
  return {n->name, n->endpoint, n->role == Role::kSentinel ? "sentinel" : role_name(n->role)};
}

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
