// Things that happened to the system under test during a run, on the same clock as the history:
// faults starting and ending, Sentinel pub/sub messages, role changes seen by the observers.
// Stored as events.jsonl in the run directory (docs/history.md).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/clock.h"

namespace rrt {

// The source of fault events.
constexpr char kNemesis[] = "nemesis";

struct Event {
  Nanos time = 0;      // monotonic ns since the run's start
  std::string source;  // who saw it: kNemesis, "sentinel", "observer", "runner"
  std::string name;    // e.g. "kill", "+switch-master", "role-change"
  std::string node;    // the node it concerns, if any
  // Anything else; for kNemesis events a FaultDetail's JSON (history/fault_detail.h).
  nlohmann::json detail = nlohmann::json::object();
};

using Events = std::vector<Event>;

nlohmann::json event_to_json(const Event& event);
// Throws UsageError naming what is wrong, also for a nemesis event whose detail does not decode
// (history/fault_detail.h).
Event event_from_json(const nlohmann::json& j);

// Reads events.jsonl; throws UsageError naming file and line of a malformed record.
Events read_events(const std::string& path);

}  // namespace rrt
