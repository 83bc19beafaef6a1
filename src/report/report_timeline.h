// What happened when, from events.jsonl, in the shapes the report draws: fault bands, each
// node's role over time, Sentinel events as marks, and replication lag samples.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/clock.h"
#include "history/event.h"

namespace rrt {

struct FaultBand {
  std::string verb;  // "kill", "pause", "partition", ...
  std::string node;  // empty when the fault has no single node
  Nanos from = 0;
  Nanos to = 0;       // == from for a fault with nothing to undo (e.g. sentinel-failover)
  std::string label;  // "kill redis-1 (master)"
};

struct RoleSpan {
  std::string role;  // master, replica, down, unresponsive
  Nanos from = 0;
  Nanos to = 0;
};

struct Mark {
  Nanos time = 0;
  std::string name;    // Sentinel channel, e.g. "+switch-master"
  std::string detail;  // the payload
};

struct Timeline {
  std::vector<FaultBand> faults;                       // by start
  std::map<std::string, std::vector<RoleSpan>> roles;  // node name -> spans, by time
  std::vector<Mark> sentinel;  // first copy of each distinct message, hello channel left out
  // Replication lag in bytes per node: the highest offset seen in a sample minus the node's.
  // A node missing from samples (down, not answering: no offset) has a gap there, so its
  // samples come in runs, a new run after each gap.
  std::map<std::string, std::vector<std::vector<std::pair<Nanos, int64_t>>>> lag;
};

// `end` closes open spans and faults never stopped (before `healed`, if there was one).
Timeline build_timeline(const Events& events, Nanos end);

}  // namespace rrt
