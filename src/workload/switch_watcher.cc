#include "workload/switch_watcher.h"

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>

#include "observe/sentinel_events.h"

namespace rrt {

void SwitchWatcher::start(WorkloadContext& ctx) {
  for (const auto& sentinel : ctx.topology.sentinel_endpoints()) {
    ConnectOptions o = ctx.connect;
    o.timeout = 500 * kMillis;
    auto on_switch = [this](const SentinelMessage& m) {
      if (m.payload == last_switch_) return;
      last_switch_ = m.payload;
      ++generation_;
    };
    asio::co_spawn(ctx.executor, watch_sentinel(sentinel, o, "+switch-master", on_switch, stop_),
                   asio::detached);
  }
}

}  // namespace rrt
