// Rules about Sentinel: how many, what quorum, whether they know each other and agree, and
// what their timeouts mean for the write outage of a failover. Where they run: rules_placement.cc.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "audit/rule_helpers.h"
#include "audit/rules.h"
#include "base/duration.h"

namespace rrt {

namespace {

// The sentinels this one counts when it computes a majority: itself and those it knows.
long long known_sentinels(const SentinelNode& s) {
  return s.master_number("num-other-sentinels")
             .value_or(static_cast<long long>(s.sentinels.size())) +
         1;
}

std::string quorum_text(long long quorum, long long sentinels) {
  return fmt::format("{} of {} sentinels (majority {})", quorum, sentinels, majority(sentinels));
}

// Reachable sentinels that monitor the master (SENTINEL MASTER answered).
std::vector<const SentinelNode*> monitoring(const Snapshot& s) {
  std::vector<const SentinelNode*> out;
  for (const SentinelNode* n : s.reachable_sentinels()) {
    if (!n->master.empty()) out.push_back(n);
  }
  return out;
}

// Whether `list` (a SENTINEL SENTINELS reply) names `other`: by run id when the audit read it,
// else by address.
bool lists(const std::vector<Fields>& list, const SentinelNode& other) {
  return std::any_of(list.begin(), list.end(), [&](const Fields& f) {
    auto runid = f.find("runid");
    if (!other.run_id.empty() && runid != f.end()) return runid->second == other.run_id;
    auto ip = f.find("ip");
    auto port = f.find("port");
    return ip != f.end() && port != f.end() && ip->second == other.endpoint.host &&
           port->second == std::to_string(other.endpoint.port);
  });
}

}  // namespace

std::optional<Finding> sentinel_count(const Snapshot& s) {
  if (s.scheme != "sentinel") return std::nullopt;
  long long count = static_cast<long long>(s.sentinels.size());
  for (const SentinelNode* n : monitoring(s)) count = std::max(count, known_sentinels(*n));
  if (count >= 3) return std::nullopt;
  Finding f;
  f.id = "sentinel-count";
  f.severity = Severity::kHigh;
  f.title = fmt::format("Only {} sentinel{}", count, count == 1 ? "" : "s");
  f.evidence.push_back({"", "", "sentinels found", std::to_string(count)});
  for (const SentinelNode* n : monitoring(s)) {
    f.evidence.push_back(
        sentinel_evidence(*n, "num-other-sentinels", n->master.at("num-other-sentinels")));
  }
  f.what_happens =
      "A failover needs a leader elected by a majority of the sentinels: with fewer than three, "
      "losing one sentinel (or the host it shares with the master) leaves no majority, and a "
      "dead master stays dead.";
  f.scenario = "sentinel-quorum-loss";
  f.fix = "# run 3 (or 5) sentinels on separate hosts, with quorum 2 (or 3)";
  return f;
}

std::optional<Finding> sentinel_quorum_minority(const Snapshot& s) {
  Finding f;
  f.id = "sentinel-quorum-minority";
  f.severity = Severity::kMedium;
  f.title = "A minority of sentinels can declare the master down";
  long long fix_majority = 2;
  for (const SentinelNode* n : monitoring(s)) {
    long long quorum = n->master_number("quorum").value_or(0);
    long long count = known_sentinels(*n);
    if (quorum <= 0 || quorum >= majority(count)) continue;
    fix_majority = majority(count);
    f.evidence.push_back(sentinel_evidence(*n, "quorum", quorum_text(quorum, count)));
  }
  f.what_happens =
      "quorum sentinels that lose sight of the master (say a minority cut off from it) are "
      "enough to call it objectively down; the other sentinels grant the leader vote without "
      "checking the master themselves, so a minority can fail over a healthy master: a write "
      "outage, and the writes it acknowledged meanwhile are lost.";
  f.fix = fmt::format("sentinel monitor {} <ip> <port> {}   # a majority",
                      s.master_name.empty() ? "<name>" : s.master_name, fix_majority);
  return if_evidence(std::move(f));
}

std::optional<Finding> sentinel_quorum_too_high(const Snapshot& s) {
  Finding f;
  f.id = "sentinel-quorum-too-high";
  f.severity = Severity::kMedium;
  f.title = "The quorum needs (nearly) every sentinel";
  long long fix_majority = 2;
  for (const SentinelNode* n : monitoring(s)) {
    long long quorum = n->master_number("quorum").value_or(0);
    long long count = known_sentinels(*n);
    if (quorum < count || (quorum == count && count < 2)) continue;
    if (quorum > count) f.severity = Severity::kHigh;
    fix_majority = majority(count);
    f.evidence.push_back(sentinel_evidence(*n, "quorum", quorum_text(quorum, count)));
  }
  f.what_happens =
      f.severity == Severity::kHigh
          ? "The quorum is larger than the number of sentinels: the master can never be "
            "declared objectively down, so no failover ever starts."
          : "Every sentinel must agree the master is down: with one sentinel stopped, cut off "
            "or on the failed host, no failover starts and writes stay refused.";
  f.scenario = "sentinel-quorum-loss";
  f.fix = fmt::format("sentinel monitor {} <ip> <port> {}   # a majority",
                      s.master_name.empty() ? "<name>" : s.master_name, fix_majority);
  return if_evidence(std::move(f));
}

std::optional<Finding> sentinels_unaware(const Snapshot& s) {
  Finding f;
  f.id = "sentinels-unaware";
  f.severity = Severity::kHigh;
  f.title = "Sentinels that do not know each other";
  for (const SentinelNode* n : monitoring(s)) {
    std::vector<std::string> missing;
    for (const auto& other : s.sentinels) {
      if (&other != n && !lists(n->sentinels, other)) missing.push_back(other.address());
    }
    if (missing.empty()) continue;
    f.evidence.push_back(sentinel_evidence(
        *n, "SENTINEL SENTINELS",
        fmt::format("knows {} other(s); not {}", n->sentinels.size(), fmt::join(missing, ", "))));
  }
  f.what_happens =
      "Each sentinel counts its majority among the sentinels it knows: groups that do not know "
      "each other can each elect a leader and promote different replicas (two masters), or "
      "none reaches a majority and nothing fails over.";
  f.fix =
      "# let every sentinel reach the master's __sentinel__:hello channel and the other "
      "sentinels (firewalls, announce-ip/announce-port behind NAT); give each sentinel its own "
      "myid (a copied sentinel.conf shares it)";
  return if_evidence(std::move(f));
}

std::optional<Finding> sentinel_ckquorum(const Snapshot& s) {
  Finding f;
  f.id = "sentinel-ckquorum";
  f.severity = Severity::kHigh;
  f.title = "Sentinel says it could not fail over now";
  for (const SentinelNode* n : monitoring(s)) {
    if (!n->ckquorum_ok && !n->ckquorum.empty()) {
      f.evidence.push_back(sentinel_evidence(*n, "SENTINEL CKQUORUM", n->ckquorum));
    }
  }
  f.what_happens =
      "CKQUORUM checks that enough sentinels are reachable for quorum and for a leader "
      "election; without them a master failure now is not repaired, although everything looks "
      "healthy until then.";
  f.scenario = "sentinel-quorum-loss";
  f.fix =
      "# bring the missing sentinels back; after removing sentinels for good, run SENTINEL "
      "RESET <name> on each remaining one";
  return if_evidence(std::move(f));
}

std::optional<Finding> sentinels_disagree(const Snapshot& s) {
  if (s.scheme != "sentinel") return std::nullopt;
  Finding f;
  f.id = "sentinels-disagree";
  f.severity = Severity::kHigh;
  f.title = "Sentinels do not agree on the master";
  std::set<std::string> masters;
  for (const SentinelNode* n : s.reachable_sentinels()) {
    auto ip = n->master.find("ip");
    auto port = n->master.find("port");
    std::string named = ip == n->master.end() || port == n->master.end()
                            ? "does not monitor " + s.master_name
                            : ip->second + ":" + port->second;
    masters.insert(named);
    f.evidence.push_back(sentinel_evidence(*n, "SENTINEL MASTER ip:port", named));
  }
  if (masters.size() < 2) return std::nullopt;
  f.what_happens =
      "Clients that ask different sentinels are sent to different masters and write to both; "
      "the sentinels that lost track also cannot take part in a failover of the real master.";
  f.fix =
      "# SENTINEL RESET <name> on the stray sentinels, or the same `sentinel monitor` line (name, "
      "address) on every sentinel";
  return f;
}

std::optional<Finding> sentinel_down_after(const Snapshot& s) {
  Finding f;
  f.id = "sentinel-down-after";
  f.severity = Severity::kInfo;
  long long slowest = 0;
  for (const SentinelNode* n : monitoring(s)) {
    std::optional<long long> ms = n->master_number("down-after-milliseconds");
    if (!ms) continue;
    slowest = std::max(slowest, *ms);
    f.evidence.push_back(sentinel_evidence(*n, "down-after-milliseconds", std::to_string(*ms)));
  }
  if (slowest >= 30000)
    f.severity = Severity::kMedium;
  else if (slowest >= 10000)
    f.severity = Severity::kLow;
  std::string outage =
      fmt::format("{} to {}", format_duration((slowest + 1000) * kMillis, DurationStyle::kRough),
                  format_duration((slowest + 3000) * kMillis, DurationStyle::kRough));
  f.title = fmt::format("A master crash costs about {} of writes", outage);
  f.what_happens = fmt::format(
      "Sentinel acts only after down-after-milliseconds without an answer; rrt measured the "
      "write outage of a master crash at about down-after-milliseconds plus 1 to 3 s (election, "
      "promotion, clients reconnecting): here about {} without writes.",
      outage);
  f.scenario = "sentinel-kill-master";
  f.fix = fmt::format(
      "sentinel down-after-milliseconds {} 5000   # as low as your network allows without false "
      "alarms; a pause longer than this (fork, VM stall) triggers a failover",
      s.master_name.empty() ? "<name>" : s.master_name);
  return if_evidence(std::move(f));
}

std::optional<Finding> sentinel_failover_timeout(const Snapshot& s) {
  Finding f;
  f.id = "sentinel-failover-timeout";
  f.severity = Severity::kLow;
  f.title = "A failed failover is retried only minutes later";
  long long longest = 0;
  for (const SentinelNode* n : monitoring(s)) {
    std::optional<long long> ms = n->master_number("failover-timeout");
    if (!ms || *ms < 30000) continue;
    longest = std::max(longest, *ms);
    f.evidence.push_back(sentinel_evidence(*n, "failover-timeout", std::to_string(*ms)));
  }
  f.what_happens = fmt::format(
      "When a failover attempt fails (no leader elected, the chosen replica does not take over), "
      "the sentinels try again only after twice failover-timeout: writes stay refused for about "
      "{} more.",
      format_duration(2 * longest * kMillis, DurationStyle::kRough));
  f.scenario = "sentinel-kill-master";
  f.fix = fmt::format("sentinel failover-timeout {} 20000",
                      s.master_name.empty() ? "<name>" : s.master_name);
  return if_evidence(std::move(f));
}

}  // namespace rrt
