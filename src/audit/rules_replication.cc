// Rules about replication: split brain (min-replicas), stale or writable replicas, the backlog,
// failover candidates.
#include <fmt/format.h>

#include <cmath>

#include "audit/rule_helpers.h"
#include "audit/rules.h"
#include "base/duration.h"

namespace rrt {

namespace {

// The master's min-replicas-to-write and min-replicas-max-lag, when known.
struct MinReplicas {
  std::optional<Setting> to_write;
  std::optional<Setting> max_lag;
};

MinReplicas min_replicas(const DataNode& master) {
  return {master.setting("min-replicas-to-write"), master.setting("min-replicas-max-lag")};
}

}  // namespace

std::optional<Finding> split_brain_min_replicas(const Snapshot& s) {
  const DataNode* m = s.master();
  if (s.scheme != "sentinel" || !m) return std::nullopt;
  MinReplicas mr = min_replicas(*m);
  bool off = (mr.to_write && mr.to_write->value == "0") || (mr.max_lag && mr.max_lag->value == "0");
  if (!off) return std::nullopt;
  Finding f;
  f.id = "split-brain-min-replicas";
  f.severity = Severity::kHigh;
  f.title = "A master cut off from its replicas keeps accepting writes that will be lost";
  if (mr.to_write)
    f.evidence.push_back(setting_evidence(*m, "min-replicas-to-write", *mr.to_write));
  if (mr.max_lag) f.evidence.push_back(setting_evidence(*m, "min-replicas-max-lag", *mr.max_lag));
  f.what_happens =
      "When a partition leaves the master with some clients on the minority side, Sentinel "
      "promotes a replica on the majority side while the old master goes on acknowledging "
      "writes; when the partition heals it becomes a replica and discards them. Nothing bounds "
      "how long it accepts writes.";
  f.scenario = "sentinel-partition-split-brain";
  f.fix = "min-replicas-to-write 1\nmin-replicas-max-lag 10";
  return f;
}

std::optional<Finding> min_replicas_max_lag(const Snapshot& s) {
  const DataNode* m = s.master();
  if (s.scheme != "sentinel" || !m) return std::nullopt;
  MinReplicas mr = min_replicas(*m);
  if (!mr.to_write || !mr.max_lag) return std::nullopt;
  long long to_write = to_number(mr.to_write->value).value_or(0);
  long long lag = to_number(mr.max_lag->value).value_or(0);
  if (to_write <= 0 || lag <= 10) return std::nullopt;
  Finding f;
  f.id = "min-replicas-max-lag";
  f.severity = Severity::kMedium;
  f.title = "A cut-off master accepts writes for a long time before it stops";
  f.evidence.push_back(setting_evidence(*m, "min-replicas-to-write", *mr.to_write));
  f.evidence.push_back(setting_evidence(*m, "min-replicas-max-lag", *mr.max_lag));
  f.what_happens = fmt::format(
      "After a partition cuts the master off from its replicas it keeps acknowledging writes "
      "for up to {} s, until its replicas' last acknowledgement is older than "
      "min-replicas-max-lag; whatever it accepted after the failover is discarded when it "
      "rejoins.",
      lag);
  f.scenario = "sentinel-partition-split-brain-min-replicas";
  f.fix = "min-replicas-max-lag 10   # below the time Sentinel needs to fail over";
  return f;
}

std::optional<Finding> min_replicas_no_headroom(const Snapshot& s) {
  Finding f;
  f.id = "min-replicas-no-headroom";
  f.severity = Severity::kMedium;
  f.title = "Losing one replica stops every write";
  long long replicas = 0;  // of the last master in the evidence, for the fix
  for (const DataNode* n : s.reachable_nodes()) {
    std::optional<Setting> tw = n->setting("min-replicas-to-write");
    std::optional<long long> connected = info_number(*n, "connected_slaves");
    if (!n->is_master() || !tw || !connected) continue;
    long long to_write = to_number(tw->value).value_or(0);
    if (to_write <= 0 || to_write < *connected) continue;
    replicas = *connected;
    f.evidence.push_back(setting_evidence(*n, "min-replicas-to-write", *tw));
    f.evidence.push_back(node_evidence(*n, "INFO connected_slaves", std::to_string(replicas)));
  }
  f.what_happens =
      "The master refuses writes (-NOREPLICAS) unless min-replicas-to-write replicas are "
      "connected and recent; with no more replicas than that, one replica that restarts, lags "
      "or is cut off stops all writes.";
  f.scenario = "sentinel-partition-split-brain-min-replicas";
  f.fix = fmt::format("min-replicas-to-write {}   # or add a replica", std::max(1LL, replicas - 1));
  return if_evidence(std::move(f));
}

std::optional<Finding> replica_serve_stale_data(const Snapshot& s) {
  Finding f;
  f.id = "replica-serve-stale-data";
  f.severity = Severity::kLow;
  f.title = "Replicas answer reads while cut off from their master";
  for (const DataNode* n : s.replicas()) {
    std::optional<Setting> v = n->setting("replica-serve-stale-data");
    if (v && v->value == "yes")
      f.evidence.push_back(setting_evidence(*n, "replica-serve-stale-data", *v));
  }
  f.what_happens =
      "While its link to the master is down (a partition, a restart, a full resync) the replica "
      "keeps answering reads with data that may be arbitrarily old, instead of an error that "
      "would send the client elsewhere.";
  f.scenario = "replication-stale-reads";
  f.fix = "replica-serve-stale-data no";
  return if_evidence(std::move(f));
}

std::optional<Finding> replica_writable(const Snapshot& s) {
  Finding f;
  f.id = "replica-writable";
  f.severity = Severity::kHigh;
  f.title = "Replicas accept writes";
  for (const DataNode* n : s.replicas()) {
    std::optional<Setting> v = n->setting("replica-read-only");
    // Cluster replicas redirect writes to their master whatever this says.
    if (v && v->value == "no" && n->cluster_info.empty()) {
      f.evidence.push_back(setting_evidence(*n, "replica-read-only", *v));
    }
  }
  f.what_happens =
      "A client (or a misrouted connection pool) can write to this replica and get OK; the "
      "write never reaches the master or the other replicas, and it vanishes at the next full "
      "resync or failover.";
  f.fix = "replica-read-only yes";
  return if_evidence(std::move(f));
}

// "4.5 s" for a number of seconds under a minute.
std::string rough_seconds(double seconds) {
  return format_duration(static_cast<Nanos>(seconds * kSeconds), DurationStyle::kRough);
}

std::optional<Finding> repl_backlog_small(const Snapshot& s) {
  Finding f;
  f.id = "repl-backlog-small";
  f.severity = Severity::kMedium;
  f.title = "The replication backlog holds only seconds of writes";
  double needed = 0;
  double held_min = 0;
  for (const DataNode* n : s.reachable_nodes()) {
    std::optional<long long> size = number_setting(*n, "repl-backlog-size");
    if (!n->is_master() || !n->offset_sample || !size ||
        info_number(*n, "connected_slaves").value_or(0) <= 0) {
      continue;
    }
    double rate = n->offset_sample->bytes_per_second();
    if (rate <= 0 || *size / rate >= 60) continue;
    double held = *size / rate;
    held_min = needed == 0 ? held : std::min(held, held_min);
    needed = std::max(needed, rate * 300);
    f.evidence.push_back(
        setting_evidence(*n, "repl-backlog-size", *n->setting("repl-backlog-size")));
    f.evidence.push_back(node_evidence(
        *n,
        fmt::format("write rate (master_repl_offset, {} apart)",
                    format_duration(n->offset_sample->interval, DurationStyle::kRough)),
        fmt::format("{:.0f} bytes/s", rate)));
    f.evidence.push_back(node_evidence(*n, "backlog holds", rough_seconds(held)));
  }
  f.what_happens = fmt::format(
      "A replica that is disconnected for longer than the backlog holds (about {} at this rate: "
      "a network blip, a restart) cannot continue where it stopped and needs a full resync: a "
      "fork and a copy of the whole data set, with the replica stale or loading meanwhile.",
      rough_seconds(held_min));
  f.fix = fmt::format("repl-backlog-size {}mb   # about 5 minutes of writes at the measured rate",
                      static_cast<long long>(std::ceil(needed / (1 << 20))));
  return if_evidence(std::move(f));
}

std::optional<Finding> no_failover_candidate(const Snapshot& s) {
  if (s.scheme != "sentinel" || s.reachable_sentinels().empty()) return std::nullopt;
  Finding f;
  f.id = "no-failover-candidate";
  f.severity = Severity::kHigh;
  f.title = "Sentinel has no replica it may promote";
  for (const DataNode* n : s.replicas()) {
    std::optional<Setting> p = n->setting("replica-priority");
    if (!p) return std::nullopt;  // unknown: cannot say there is no candidate
    if (p->value != "0") return std::nullopt;
    f.evidence.push_back(setting_evidence(*n, "replica-priority", *p));
  }
  if (f.evidence.empty()) {
    const SentinelNode* sentinel = s.reachable_sentinels().front();
    std::string known = field(sentinel->master, "num-slaves", "unknown");
    // Replicas the sentinel knows but the audit could not read: no verdict.
    if (known != "0") return std::nullopt;
    f.evidence.push_back(sentinel_evidence(*sentinel, "SENTINEL MASTER num-slaves", known));
  }
  f.what_happens =
      "Sentinel never promotes a replica with replica-priority 0 (and cannot promote one that "
      "does not exist): when the master dies nothing fails over, and writes stay refused until "
      "the master is back.";
  f.fix =
      "replica-priority 100   # on at least one replica (0 only for replicas that must never lead)";
  return f;
}

}  // namespace rrt
