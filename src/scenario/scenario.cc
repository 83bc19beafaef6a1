#include "scenario/scenario.h"

namespace rrt {

nlohmann::json to_json(const Scenario& s) {
  nlohmann::json workloads = nlohmann::json::array();
  for (const auto& w : s.workloads) workloads.push_back({{"kind", w.kind}, {"options", w.options}});
  nlohmann::json faults = nlohmann::json::array();
  for (const auto& f : s.faults) {
    faults.push_back({{"verb", f.verb},
                      {"args", f.args},
                      {"at_ms", f.at / kMillis},
                      {"for_ms", f.duration / kMillis},
                      {"every_ms", f.every / kMillis},
                      {"repeat", f.repeat}});
  }
  return {{"name", s.name},
          {"summary", s.summary},
          {"topology", to_json(s.lab)},
          {"workloads", workloads},
          {"faults", faults},
          {"duration_ms", s.duration / kMillis},
          {"checks", s.checks},
          {"check_options", s.check_options}};
}

}  // namespace rrt
