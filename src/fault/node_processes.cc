#include "fault/node_processes.h"

#include <fmt/format.h>

#include "base/errors.h"
#include "fault/fault.h"

namespace rrt {

NodeProcesses& processes_of(FaultContext& ctx, const std::string& verb) {
  if (!ctx.processes) {
    throw UsageError(
        fmt::format("fault '{}' needs node processes this backend does not have", verb));
  }
  return *ctx.processes;
}

}  // namespace rrt
