// One exposure `rrt audit` found in a deployment: what it is, how bad, the settings that show
// it on which nodes, what happens when it bites, the scenario that demonstrates it and the fix.
// Field names here are the JSON field names (docs/audit.md); they are a stable interface.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace rrt {

enum class Severity { kHigh, kMedium, kLow, kInfo };  // in this order: most severe first

const char* severity_name(Severity severity);  // "high", "medium", "low", "info"

// One fact behind a finding: a setting (or a reading) and its value on one node.
struct Evidence {
  std::string node;     // "host:port" as rrt reached it; "" for the deployment as a whole
  std::string role;     // "master", "replica", "sentinel", "cluster-master", "cluster-replica", ""
  std::string setting;  // "min-replicas-to-write", "INFO replication master_repl_offset", ...
  std::string value;    // as the node reported it
};

struct Finding {
  std::string id;  // stable, kebab-case: "split-brain-min-replicas"
  Severity severity = Severity::kInfo;
  std::string title;  // one line
  std::vector<Evidence> evidence;
  std::string what_happens;  // the failure mode, in one or two sentences
  std::string scenario;      // a shipped scenario (`rrt explain NAME`), "" when none exists yet
  std::string fix;           // configuration line(s), one per line
};

nlohmann::json to_json(const Evidence& evidence);
nlohmann::json to_json(const Finding& finding);

}  // namespace rrt
