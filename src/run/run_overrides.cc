#include "run/run_overrides.h"

#include <fmt/format.h>

#include "base/errors.h"
#include "base/option_reader.h"

namespace rrt {

// Applies --clients, --ops, --duration and --hosts. A shorter duration drops the faults that
// would start after the new end, and says so. The lab checks the hosts with the rest of its
// topology when it starts.
void apply_overrides(const RunOverrides& f, Scenario* s) {
  for (auto& w : s->workloads) {
    if (f.clients > 0) w.options["clients"] = f.clients;
    if (f.ops > 0) w.options["ops"] = f.ops;
  }
  if (!f.hosts.empty()) s->lab.hosts = must_parse_hosts_mode(f.hosts, "--hosts");
  if (f.duration.empty()) return;
  s->duration = parse_duration(f.duration);
  if (s->duration <= 0) throw UsageError("--duration must be more than 0s");
  std::vector<FaultStep> kept;
  for (FaultStep step : s->faults) {
    while (step.repeat > 0 && step.at + (step.repeat - 1) * step.every >= s->duration)
      --step.repeat;
    if (step.repeat > 0) {
      kept.push_back(step);
    } else {
      fmt::print(stderr, "note: --duration {} drops fault {} at {}\n", f.duration, step.verb,
                 format_duration(step.at));
    }
  }
  s->faults = kept;
}

}  // namespace rrt
