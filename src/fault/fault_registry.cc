#include "fault/fault_registry.h"

#include <fmt/format.h>

#include "base/errors.h"
#include "fault/client_pause_fault.h"
#include "fault/cluster_faults.h"
#include "fault/network_fault_verbs.h"
#include "fault/node_faults.h"
#include "fault/redis_failover_fault.h"
#include "fault/replica_faults.h"
#include "fault/sentinel_faults.h"

namespace rrt {

const std::vector<FaultVerb>& fault_verbs() {
  static const std::vector<FaultVerb> kVerbs = {
      {"kill", "target", "target (master), restart (true)",
       "kill -9 a node; restarted when it stops", make_kill_fault},
      {"shutdown", "target", "target (master), restart (true)",
       "graceful shutdown (SIGTERM); restarted when it stops", make_shutdown_fault},
      {"pause", "target", "target (master)", "SIGSTOP a node; SIGCONT when it stops",
       make_pause_fault},
      {"restart", "target", "target (stopped | node name)", "start a node that is not running",
       make_restart_fault},
      {"sentinel-failover", "sentinel", "sentinel (sentinel)",
       "SENTINEL FAILOVER: a forced failover", make_sentinel_failover_fault},
      {"client-pause", "target", "target (master), mode (write | all), max (60s)",
       "CLIENT PAUSE a node; unpaused when it stops (mode all: after max)",
       make_client_pause_fault},
      {"failover", "to",
       "to (Redis picks | replica | node name), timeout, force (false), deadline (10s)",
       "FAILOVER on the master: Redis's coordinated switchover, confirmed by ROLE",
       make_redis_failover_fault},
      {"stop-sentinels", "count", "count (enough to lose the quorum)",
       "stop sentinels below quorum; started again when it stops", make_stop_sentinels_fault},
      {"add-replica", "count", "count (1)",
       "add replicas of the current master; removed when it stops", make_add_replica_fault},
      {"remove-replica", "target", "target (any-replica), count (1)",
       "remove replicas for good (SENTINEL RESET)", make_remove_replica_fault},
      {"partition", "isolate", "groups [[...], [...]] | isolate (target)",
       "cut traffic between groups of nodes; healed when it stops", make_partition_fault},
      {"cut", "from", "from, to", "drop packets one way only; healed when it stops",
       make_cut_fault},
      {"loss", "target", "target (master), percent (10)", "lose packets leaving a node",
       make_loss_fault},
      {"bandwidth", "target", "target (master), kbit (1024)", "cap the bandwidth leaving a node",
       make_bandwidth_fault},
      {"latency", "target", "target (master), delay (100ms), jitter (0s)",
       "delay packets leaving a node", make_latency_fault},
      {"heal", "", "", "remove every network fault", make_heal_fault},
      {"cluster-failover", "target", "target (replica), mode (default | force | takeover)",
       "CLUSTER FAILOVER on a cluster replica: it takes over its master's slots",
       make_cluster_failover_fault},
  };
  return kVerbs;
}

std::string fault_verb_names() {
  std::string out;
  for (const auto& v : fault_verbs()) out += (out.empty() ? "" : ", ") + std::string(v.verb);
  return out;
}

const FaultVerb* find_fault_verb(const std::string& verb) {
  for (const auto& v : fault_verbs()) {
    if (verb == v.verb) return &v;
  }
  return nullptr;
}

std::unique_ptr<Fault> make_fault(const std::string& verb, const nlohmann::json& args) {
  if (const FaultVerb* v = find_fault_verb(verb)) return v->make(args);
  throw UsageError(fmt::format("unknown fault '{}': expected one of {}", verb, fault_verb_names()));
}

}  // namespace rrt
