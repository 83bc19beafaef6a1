// Failover anatomy: what happened, and when, between a fault that hit the master and the
// moment clients could write again. A pure function of the history and the events.
//
// A disruption is a nemesis start event whose FaultDetail disrupts the master (is_disruption in
// history/fault_detail.h: kill, pause, shutdown or a partition of the master, SENTINEL FAILOVER).
// Its window runs to the next disruption or the end of the run. In the window, the first of each
// Sentinel event (+sdown / +odown of the master, +try-failover, +elected-leader, +promoted-slave,
// +switch-master, +failover-end) is a phase; +switch-master names the old and the new master. From
// the history:
//   first_write_new_master: the first ok write (incr, add, write, ...) acknowledged by the new
//     master after the fault;
//   outage: from the last ok write the old master acknowledged before that, to that first one
//     (without a failover: the longest gap between two ok writes that ends after the fault; no
//     end if clients kept failing after the last ok write);
//   errors: failed and indeterminate ops that completed during the outage, by error kind;
//   late_old_master_writes: ok writes the old master acknowledged after the promotion (the
//     first of +failover-state-wait-promotion, the new master answering as master,
//     +promoted-slave): a split brain; Sentinel will make it a replica and those writes vanish.
// Every time is in milliseconds from the fault's start.
//
// Options: "expect": "failover" (every disruption must end in +switch-master) | "none" (none
// may) | "any" (default); "max_outage_ms": invalid if a write outage is longer;
// "no_failover_during": a fault verb (e.g. "stop-sentinels"): invalid if +switch-master
// happens while that fault is active.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "check/check_result.h"
#include "history/event.h"
#include "history/op.h"

namespace rrt {

struct FailoverPhase {
  std::string name;  // "+sdown", "+switch-master", "first ok write on the new master", ...
  Nanos at = 0;      // since the fault's start
  std::string detail;
};

struct FailoverAnatomy {
  std::string fault;       // nemesis verb, e.g. "kill"
  std::string fault_node;  // the node it hit, if any
  Nanos fault_time = 0;    // since the run's start
  std::string old_master;  // "host:port"
  std::string new_master;  // "host:port"; empty without +switch-master
  // Phases by key (sdown, odown, try_failover, elected_leader, promoted_slave, switch_master,
  // failover_end, first_write_new_master), each the time since the fault.
  std::map<std::string, Nanos> phases;
  std::optional<Nanos> last_ok_write_before;  // the outage's start, since the fault (often < 0)
  std::optional<Nanos> first_ok_write_after;  // the outage's end; none: writes never resumed
  Nanos window_end = 0;                       // since the fault: next disruption or run's end
  std::map<std::string, int64_t> errors;      // "connect-refused (fail)" -> count
  // When the new master stopped following the old one (the first sign of the promotion), and
  // the ok writes the old master acknowledged after that: lost when it is demoted.
  std::optional<Nanos> promotion;
  int64_t late_old_master_writes = 0;
  // The last role the observers saw the hit node take in the window ("replica": a killed master
  // came back as a replica), and when; empty if they saw no change.
  std::string node_last_role;
  Nanos node_last_role_at = 0;
  std::vector<FailoverPhase> timeline;  // phases and other events of the window, by time

  bool failed_over() const { return !new_master.empty(); }
  // The write outage, if it had a start and an end.
  std::optional<Nanos> outage() const;
};

// One entry per disruption, in time order.
std::vector<FailoverAnatomy> analyze_failovers(const History& history, const Events& events);

// {"fault", "node", "fault_at_ms", "old_master", "new_master", "failed_over", "phases": {key:
// ms}, "outage": {"ms", "from_ms", "to_ms", "recovered", "errors"}, "promotion_ms",
// "late_old_master_writes",
// "node_last_role": {"role", "ms"} or null, "window_ms", "timeline": [{"ms", "event", "detail"}]}.
nlohmann::json to_json(const FailoverAnatomy& anatomy);
// The anatomy as lines for a terminal.
std::string describe(const FailoverAnatomy& anatomy, int number, int count);

// The "failover-anatomy" checker. Metrics: disruptions, failovers, outage_ms and
// switch_master_ms (of the first disruption), max_outage_ms; explanation: describe() of each.
// The runner puts analyze_failovers() itself into results.json ("failover").
CheckResult check_failover_anatomy(const History& history, const Events& events,
                                   const nlohmann::json& options);

}  // namespace rrt
