#include "system/external_policy.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/errors.h"
#include "base/option_reader.h"
#include "fault/fault_registry.h"

namespace rrt {

std::string remote_fault_names() {
  std::string out;
  for (const auto& v : fault_verbs()) {
    if (v.remote) out += (out.empty() ? "" : ", ") + std::string(v.verb);
  }
  return out;
}

void check_external_faults(const Scenario& s, bool allow_faults) {
  for (const auto& step : s.faults) {
    const FaultVerb* verb = find_fault_verb(step.verb);
    std::string when = format_duration(step.at);
    if (!allow_faults) {
      throw UsageError(
          fmt::format("scenario {}: fault '{}' at {} would change a deployment rrt did not start; "
                      "rrt refuses faults on an external target unless you pass --allow-faults",
                      s.name, step.verb, when));
    }
    if (!verb || !verb->remote) {
      throw UsageError(fmt::format(
          "scenario {}: fault '{}' at {} needs a process or network that rrt started itself; "
          "on an external target only these faults work: {}",
          s.name, step.verb, when, remote_fault_names()));
    }
  }
}

void cap_workload_rates(Scenario& s, double max_rate) {
  if (!(max_rate >= 1 && max_rate <= kMaxMaxRate)) {
    throw UsageError(
        fmt::format("bad --max-rate {}: expected 1 to {} ops/s", max_rate, kMaxMaxRate));
  }
  if (s.workloads.empty()) return;
  double share = max_rate / static_cast<double>(s.workloads.size());
  for (auto& w : s.workloads) {
    double rate = w.options.contains("rate") && w.options["rate"].is_number()
                      ? w.options["rate"].get<double>()
                      : 0;
    w.options["rate"] = rate > 0 ? std::min(rate, share) : share;
  }
}

}  // namespace rrt
