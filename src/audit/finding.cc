#include "audit/finding.h"

namespace rrt {

const char* severity_name(Severity severity) {
  switch (severity) {
    case Severity::kHigh:
      return "high";
    case Severity::kMedium:
      return "medium";
    case Severity::kLow:
      return "low";
    case Severity::kInfo:
      return "info";
  }
  return "info";
}

nlohmann::json to_json(const Evidence& e) {
  return {{"node", e.node}, {"role", e.role}, {"setting", e.setting}, {"value", e.value}};
}

nlohmann::json to_json(const Finding& f) {
  nlohmann::json evidence = nlohmann::json::array();
  for (const auto& e : f.evidence) evidence.push_back(to_json(e));
  return {{"id", f.id},
          {"severity", severity_name(f.severity)},
          {"title", f.title},
          {"evidence", evidence},
          {"what_happens", f.what_happens},
          {"scenario", f.scenario.empty() ? nlohmann::json(nullptr) : nlohmann::json(f.scenario)},
          {"fix", f.fix}};
}

}  // namespace rrt
