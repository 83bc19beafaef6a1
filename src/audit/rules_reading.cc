// Rules about the reading itself: nodes that did not answer, requests that were refused.
#include <fmt/format.h>

#include "audit/rule_helpers.h"
#include "audit/rules.h"

namespace rrt {

std::optional<Finding> node_unreachable(const Snapshot& s) {
  Finding f;
  f.id = "node-unreachable";
  f.severity = Severity::kMedium;
  f.title = "Nodes the deployment names did not answer";
  for (const auto& n : s.nodes) {
    if (!n.reachable) f.evidence.push_back({n.address(), "", "connect", n.error});
  }
  for (const auto& n : s.sentinels) {
    if (!n.reachable) f.evidence.push_back({n.address(), "sentinel", "connect", n.error});
  }
  f.what_happens =
      "A replica or sentinel that is down (or that the others still list after it was removed) "
      "is one copy or one vote fewer than the deployment counts on; a stale sentinel entry "
      "still raises the majority a failover needs.";
  f.fix = "# bring it back, or SENTINEL RESET <name> / CLUSTER FORGET <id> if it is gone for good";
  return if_evidence(std::move(f));
}

std::optional<Finding> unread_facts(const Snapshot& s) {
  Finding f;
  f.id = "unread";
  f.severity = Severity::kLow;
  f.title = "What the audit could not read";
  for (const auto& u : s.unread) {
    const DataNode* n = nullptr;
    for (const auto& d : s.nodes) {
      if (d.address() == u.node) n = &d;
    }
    f.evidence.push_back({u.node, n ? n->role_label() : "sentinel", u.what, u.error});
  }
  f.what_happens =
      "Rules that need these answers could not judge these nodes, so a weakness may be missing "
      "from this report. CONFIG GET renamed away or denied by an ACL hides save, appendfsync, "
      "min-replicas-*, replica-serve-stale-data, protected-mode and tls-port (INFO shows some "
      "settings, and the audit uses it where it can).";
  f.fix =
      "# audit as a user allowed to run the listed commands (read-only: CONFIG GET, INFO, ROLE, "
      "ACL GETUSER, CLUSTER INFO/NODES/SLOTS, SENTINEL MASTER/REPLICAS/SENTINELS/CKQUORUM)";
  return if_evidence(std::move(f));
}

}  // namespace rrt
