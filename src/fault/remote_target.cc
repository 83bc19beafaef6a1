#include "fault/remote_target.h"

#include <fmt/format.h>

#include "base/errors.h"
#include "resp/sync_client.h"
#include "topo/discovery.h"

namespace rrt {

namespace {

TargetNode named(const Topology& t, const Endpoint& ep, const std::string& role) {
  const NodeInfo* n = t.find(ep);
  return {n ? n->name : ep.to_string(), ep, role};
}

TargetNode remote_master(const Topology& t, const ConnectOptions& o) {
  if (!t.sentinel_endpoints().empty()) {
    return named(t, master_from_sentinels(t.sentinel_endpoints(), t.master_name, o), "master");
  }
  for (const auto& n : t.nodes) {
    if (n.role != Role::kSentinel && node_role(n.endpoint, o) == "master") {
      return {n.name, n.endpoint, "master"};
    }
  }
  throw EnvironmentError("no node answers as master");
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
    SyncClient c;
    CallResult r = c.connect(n.endpoint, o);
    if (r.ok()) r = c.call({"PING"}, o.timeout);
    if (r.ok()) return {n.name, n.endpoint, "sentinel"};
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
  SyncClient c;
  CallResult r = c.connect(node.endpoint, o);
  if (r.ok()) r = c.call(args, o.timeout);
  if (!r.ok()) {
    throw EnvironmentError(fmt::format("{} ({}) refused {}: {}", node.name,
                                       node.endpoint.to_string(), describe_command(args),
                                       r.detail));
  }
  return std::string(r.reply.str());
}

}  // namespace rrt
