// The detail of a nemesis event (events.jsonl, source "nemesis"): what a fault did when it
// started or stopped. Faults build it (fault/), the nemesis stamps its phase and how long it
// took, the event log writes its JSON; the checks, the report and the runner read it back
// through fault_detail_of. The JSON key names live only in fault_detail.cc.
//
// The fault-to-check contract: a start event with `disrupts_master` hit the master (a kill,
// shutdown, pause or client-pause of the master, FAILOVER, SENTINEL FAILOVER, CLUSTER FAILOVER
// on one of its replicas, a partition that cuts it off from what could replace it). The
// failover anatomy and the cluster failover checks measure from those (is_disruption).
//
// JSON (docs/history.md): {"phase": "start"|"stop", "node", "role", "endpoint",
// "disrupts_master", "master", "took_ms", "fault", "error", ...extra}. Reading: "phase" is
// required; every other typed key may be missing (the defaults below; "disrupts_master" is written
// only when true); a typed key of the wrong type, an unknown phase or role is a UsageError naming
// the key, what it holds and what was expected. Every other key goes to `extra` as it is.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "base/clock.h"
#include "history/event.h"
#include "topo/topology.h"

namespace rrt {

enum class FaultPhase { kStart, kStop };

// "start", "stop".
const char* fault_phase_name(FaultPhase phase);

struct FaultDetail {
  FaultPhase phase = FaultPhase::kStart;  // set by the nemesis
  std::string node;                       // the node it hit, e.g. "redis-1"; "": no one node
  std::optional<Role> role;               // that node's role when it was hit
  std::string endpoint;                   // that node's "host:port"; "" if not known
  bool disrupts_master = false;           // a start that hit the master (see above)
  // The master it disrupted when that is not `node` (the master a partition cut off, the master
  // of the replica CLUSTER FAILOVER was sent to); "" otherwise.
  std::string master;
  std::optional<Nanos> took;  // how long start()/stop() took, when the nemesis noted it (took_ms)
  // Of a "fault-error" event: the verb whose start or stop threw, and what it threw.
  std::string failed_verb;
  std::string error;
  // The verb's own facts: pid, groups, command, timings. Always an object. Must not use the
  // keys above: in JSON the typed fields win.
  nlohmann::json extra = nlohmann::json::object();

  // The master this fault disrupted: `master`, else `node`.
  const std::string& disrupted_master() const { return master.empty() ? node : master; }
  // Adds the keys of `fields` (an object, e.g. what NodeProcesses returned) to `extra`; null
  // adds nothing. Throws std::logic_error for anything else.
  void add_extra(const nlohmann::json& fields);
};

nlohmann::json to_json(const FaultDetail& detail);
// Throws UsageError naming the key that is missing or wrong (see above).
FaultDetail fault_detail_from_json(const nlohmann::json& j);

// The detail of a nemesis event, decoded; nothing for events of other sources. Throws
// UsageError as fault_detail_from_json.
std::optional<FaultDetail> fault_detail_of(const Event& event);

// True for a nemesis start event whose fault disrupted the master.
bool is_disruption(const Event& event);

}  // namespace rrt
