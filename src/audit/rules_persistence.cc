// Rules about what survives a restart or a full memory: persistence, appendfsync, eviction.
#include <fmt/format.h>

#include "audit/rule_helpers.h"
#include "audit/rules.h"

namespace rrt {

std::optional<Finding> persistence_off_master(const Snapshot& s) {
  Finding f;
  f.id = "persistence-off-master";
  f.severity = Severity::kMedium;
  f.title = "A master keeps its data only in memory";
  for (const DataNode* n : s.reachable_nodes()) {
    if (!n->is_master()) continue;
    std::optional<Setting> save = n->setting("save");
    std::optional<Setting> aof = n->setting("appendonly");
    if (!save || !aof || !save->value.empty() || aof->value != "no") continue;
    long long replicas = info_number(*n, "connected_slaves").value_or(0);
    if (replicas > 0) f.severity = Severity::kHigh;
    f.evidence.push_back(setting_evidence(*n, "save", *save));
    f.evidence.push_back(setting_evidence(*n, "appendonly", *aof));
    f.evidence.push_back(node_evidence(*n, "INFO connected_slaves", std::to_string(replicas)));
    if (n->info.count("process_supervised")) {
      f.evidence.push_back(
          node_evidence(*n, "INFO process_supervised", field(n->info, "process_supervised")));
    }
  }
  f.what_happens =
      "If this master is restarted (a crash, then systemd, Kubernetes or a supervisor starting it "
      "again), it comes back empty and still a master; its replicas resynchronise and copy the "
      "empty data set, so every copy is gone. Sentinel does not step in when the restart is "
      "faster than down-after-milliseconds.";
  f.scenario = "persistence-off-auto-restart";
  f.fix =
      "appendonly yes\n"
      "appendfsync everysec\n"
      "# or: save 3600 1 300 100 60 10000; or never restart a master without persistence "
      "automatically";
  return if_evidence(std::move(f));
}

std::optional<Finding> appendfsync_meaning(const Snapshot& s) {
  Finding f;
  f.id = "appendfsync";
  f.severity = Severity::kInfo;
  f.title = "What an acknowledged write survives, by appendfsync";
  std::string worst_value = "always";
  for (const DataNode* n : s.reachable_nodes()) {
    std::optional<Setting> aof = n->setting("appendonly");
    std::optional<Setting> fsync = n->setting("appendfsync");
    if (!aof || aof->value != "yes" || !fsync) continue;
    Severity sev = fsync->value == "no"         ? Severity::kMedium
                   : fsync->value == "everysec" ? Severity::kLow
                                                : Severity::kInfo;
    if (worst(sev, f.severity) != f.severity) worst_value = fsync->value;
    f.severity = worst(sev, f.severity);
    f.evidence.push_back(setting_evidence(*n, "appendfsync", *fsync));
  }
  if (worst_value == "no") {
    f.what_happens =
        "Redis writes the AOF before it replies, so a process crash loses nothing, but with "
        "appendfsync no the kernel decides when it reaches the disk (Linux: within about 30 s): "
        "a power loss or kernel crash loses that much acknowledged writes.";
    f.fix = "appendfsync everysec";
  } else if (worst_value == "everysec") {
    f.what_happens =
        "A process crash loses nothing (the AOF is written before the reply); a power loss or "
        "kernel crash loses up to about one second of acknowledged writes, fsynced once a "
        "second. Replication is asynchronous either way: a failover can lose more.";
    f.fix = "appendfsync always   # only if one second of writes matters more than throughput";
  } else {
    f.what_happens =
        "Every write is on disk before its reply, even across a power loss, at a large cost in "
        "write throughput. A failover can still lose acknowledged writes (replication is "
        "asynchronous).";
    f.fix = "# nothing to change for durability; appendfsync everysec if throughput matters more";
  }
  f.scenario = worst_value == "always" ? "aof-crash-loss-always" : "aof-crash-loss-everysec";
  return if_evidence(std::move(f));
}

std::optional<Finding> eviction_policy(const Snapshot& s) {
  Finding f;
  f.id = "eviction-policy";
  f.severity = Severity::kMedium;
  f.title = "Keys are deleted silently when memory is full";
  for (const DataNode* n : s.reachable_nodes()) {
    std::optional<Setting> limit = n->setting("maxmemory");
    std::optional<Setting> policy = n->setting("maxmemory-policy");
    if (!limit || !policy || to_number(limit->value).value_or(0) <= 0) continue;
    if (policy->value == "noeviction") continue;
    f.evidence.push_back(setting_evidence(*n, "maxmemory", *limit));
    f.evidence.push_back(setting_evidence(*n, "maxmemory-policy", *policy));
  }
  f.what_happens =
      "Once used memory reaches maxmemory, Redis deletes keys to make room and every write still "
      "succeeds: right for a cache, silent data loss for anything that must not disappear.";
  f.fix = "maxmemory-policy noeviction   # writes then fail with -OOM instead of deleting data";
  return if_evidence(std::move(f));
}

}  // namespace rrt
