#include "system/lab_policy.h"

#include <fmt/format.h>

#include "base/errors.h"
#include "base/option_reader.h"
#include "net/netns_network.h"

namespace rrt {

void check_lab_faults(const Scenario& s) {
  if (s.lab.hosts != HostsMode::kNetns) return;
  for (const auto& step : s.faults) {
    if (step.verb != "latency") continue;
    throw UsageError(fmt::format("scenario {}: fault 'latency' at {}: {}", s.name,
                                 format_duration(step.at), kNetnsNoLatency));
  }
}

}  // namespace rrt
