// Which node a fault hits, decided when the fault starts: roles change during a run (the
// master of second 3 may be a replica by second 10), so a scenario names a role and the fault
// asks the system who has it now.
//
// Target words:
//   master       the current master: what the sentinels answer (GET-MASTER-ADDR-BY-NAME), or,
//                without sentinels or when none answers, the data node that reports role:master
//   replica      the first running data node (by name) that is not the master
//   any-replica  a random one of those
//   sentinel     the first running sentinel; any-sentinel: a random running one
//   <node name>  that node ("redis-2", "sentinel-1"), whatever its role
#pragma once

#include <random>
#include <string>
#include <vector>

#include "history/fault_detail.h"
#include "resp/url.h"
#include "topo/topology.h"

namespace rrt {

class NodeView;

struct TargetNode {
  std::string name;            // lab node name, e.g. "redis-1"
  Endpoint endpoint;           // where clients reach it
  Role role = Role::kReplica;  // role at fault time: kMaster, kReplica or kSentinel
};

// True if `word` is a role word or looks like a node name; used to validate scenarios before
// any lab exists. Node names are checked again (against the lab) at fault time.
bool plausible_target(const std::string& word);
// "master, replica, any-replica, sentinel, any-sentinel or a node name".
std::string target_words();

// Resolves `word` now against `nodes` (its master(), topology() and running()). Throws
// UsageError for an unknown node name (naming the nodes), EnvironmentError when no running node
// has the role (e.g. no replica left).
TargetNode resolve_target(const NodeView& nodes, const std::string& word, std::mt19937& rng);

// Running data nodes other than the master, by name.
std::vector<std::string> current_replicas(const NodeView& nodes);

// Names of the sentinels that are running, by name.
std::vector<std::string> running_sentinels(const NodeView& nodes);

// The start of a fault's event detail: the node, its endpoint and role.
FaultDetail target_detail(const TargetNode& target);

}  // namespace rrt
