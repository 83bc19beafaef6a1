// Rules about who can reach and command the nodes: passwords, protected mode, TLS.
#include <fmt/format.h>

#include "audit/rule_helpers.h"
#include "audit/rules.h"

namespace rrt {

std::optional<Finding> no_auth(const Snapshot& s) {
  Finding f;
  f.id = "no-auth";
  f.severity = Severity::kHigh;
  f.title = "Data nodes answer clients that give no password";
  for (const DataNode* n : s.reachable_nodes()) {
    if (n->open_without_auth != true) continue;
    f.evidence.push_back(node_evidence(*n, "PING without AUTH", "PONG"));
    auto flags = n->default_user.find("flags");
    if (flags != n->default_user.end()) {
      auto commands = n->default_user.find("commands");
      f.evidence.push_back(
          node_evidence(*n, "ACL default user",
                        fmt::format("{} {}", flags->second,
                                    commands == n->default_user.end() ? "" : commands->second)));
    }
  }
  f.what_happens =
      "Anyone who can reach the port can read, change and delete every key, and run CONFIG "
      "SET, REPLICAOF or SHUTDOWN: the default user needs no password.";
  f.fix = "requirepass <a long random password>   # or with ACLs: user default off";
  return if_evidence(std::move(f));
}

std::optional<Finding> sentinel_no_auth(const Snapshot& s) {
  Finding f;
  f.id = "sentinel-no-auth";
  f.severity = Severity::kMedium;
  f.title = "Sentinels answer clients that give no password";
  for (const SentinelNode* n : s.reachable_sentinels()) {
    if (n->open_without_auth == true) {
      f.evidence.push_back(sentinel_evidence(*n, "PING without AUTH", "PONG"));
    }
  }
  f.what_happens =
      "Anyone who can reach a sentinel can run SENTINEL FAILOVER, SENTINEL SET or SENTINEL "
      "REMOVE: force failovers (each one an outage with lost writes) or change the quorum.";
  f.scenario = "sentinel-manual-failover";
  f.fix = "requirepass <password>   # in sentinel.conf; clients then pass the sentinel password";
  return if_evidence(std::move(f));
}

std::optional<Finding> protected_mode_off(const Snapshot& s) {
  Finding f;
  f.id = "protected-mode-off";
  f.severity = Severity::kLow;
  f.title = "protected-mode is off";
  for (const DataNode* n : s.reachable_nodes()) {
    std::optional<Setting> v = n->setting("protected-mode");
    if (v && v->value == "no") f.evidence.push_back(setting_evidence(*n, "protected-mode", *v));
  }
  f.what_happens =
      "Protected mode is Redis' own guard for a node without a password: it refuses clients "
      "that do not come from loopback. Off, a node whose password is ever removed (or never "
      "set) serves anyone who can reach it.";
  f.fix = "protected-mode yes";
  return if_evidence(std::move(f));
}

std::optional<Finding> tls_off(const Snapshot& s) {
  Finding f;
  f.id = "tls-off";
  f.severity = Severity::kLow;
  f.title = "Clients and replicas talk in clear text";
  for (const DataNode* n : s.reachable_nodes()) {
    std::optional<Setting> v = n->setting("tls-port");
    if (v && v->value == "0") f.evidence.push_back(setting_evidence(*n, "tls-port", *v));
  }
  f.what_happens =
      "Commands, data and the AUTH password cross the network unencrypted: anyone on the path "
      "can read them or take over a connection.";
  f.fix =
      "tls-port 6380\ntls-cert-file /path/redis.crt\ntls-key-file /path/redis.key\n"
      "tls-ca-cert-file /path/ca.crt\ntls-replication yes\nport 0   # once every client uses TLS";
  return if_evidence(std::move(f));
}

}  // namespace rrt
