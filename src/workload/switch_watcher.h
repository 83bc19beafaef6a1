// Follows +switch-master on every sentinel, as client libraries that subscribe to Sentinel do
// (Jedis, Lettuce): clients compare generation() before each operation and reconnect when it
// moved. Without it, a client keeps writing to whichever node it is connected to until an error
// says otherwise, and a demoted master answers OK for seconds after a failover.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "workload/workload.h"

namespace rrt {

class SwitchWatcher {
 public:
  // Subscribes to every sentinel of ctx.topology on ctx.executor. Must outlive the subscriptions:
  // call stop() and keep this object until the event loop ends.
  void start(WorkloadContext& ctx);
  // The subscriptions end within 200 ms.
  void stop() { stop_ = true; }
  // Bumped once per new master announced (the same switch from several sentinels counts once).
  // Read on the client loop's thread only.
  uint64_t generation() const { return generation_; }

 private:
  std::atomic<bool> stop_{false};
  uint64_t generation_ = 0;
  std::string last_switch_;  // payload of the last +switch-master counted
};

}  // namespace rrt
