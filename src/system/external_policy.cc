#include "system/external_policy.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/errors.h"
#include "base/option_reader.h"

namespace rrt {

void check_external_faults(const Scenario& s, bool allow_faults) {
  if (allow_faults || s.faults.empty()) return;
  const FaultStep& step = s.faults.front();
  throw UsageError(
      fmt::format("scenario {}: fault '{}' at {} would change a deployment rrt did not start; "
                  "rrt refuses faults on an external target unless you pass --allow-faults",
                  s.name, step.verb, format_duration(step.at)));
}

std::string external_lacks(Capability c, const FaultStep& step) {
  switch (c) {
    case Capability::kPause:
      if (step.duration > 0) return "";
      return "pause through DEBUG SLEEP ends by itself: give the step a length (for: ...)";
    case Capability::kReplicaMembership:
      return "adding or removing replicas needs processes rrt started: run against a lab";
    case Capability::kSentinelProcesses:
      return "stopping sentinels needs sentinel processes rrt started (a supervised sentinel "
             "comes back at once): run against a lab";
    case Capability::kNetwork:
    case Capability::kNetworkLatency:
      return "network faults need a network rrt started: run against a lab with --hosts netns "
             "or proxy";
    default:
      return "";
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
