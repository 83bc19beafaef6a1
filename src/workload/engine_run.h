// A scenario workload's clients on the load engine (load/load_engine.h): the engine is started
// on the runner's event loop with the run's clock, history, deadline and Ctrl-C, and its report
// is kept for the workload's summary. Also the final reads some workloads make after the faults
// healed.
#pragma once

#include <asio/awaitable.hpp>
#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "load/load_engine.h"
#include "workload/client_options.h"
#include "workload/switch_watcher.h"
#include "workload/workload.h"

namespace rrt {

// LoadOptions for a workload of `clients` clients on `ctx`: bounded by the run's deadline and
// Ctrl-C, recording with the run's clock from history process ctx.process_base on.
LoadOptions workload_load_options(const WorkloadContext& ctx, int clients);

class EngineRun {
 public:
  EngineRun() = default;
  EngineRun(const EngineRun&) = delete;
  EngineRun& operator=(const EngineRun&) = delete;

  // Runs `options` with `generators` on ctx.executor and returns at once; `done` is called there
  // when the last client ended. Call once.
  void start(WorkloadContext& ctx, LoadOptions options, GeneratorFactory generators,
             std::function<void()> done);
  // Outcomes so far. Thread-safe.
  LoadReport progress() const;
  // What the engine measured; complete once `done` was called.
  const LoadReport& report() const { return report_; }

 private:
  std::unique_ptr<LoadEngine> engine_;
  std::atomic<const LoadEngine*> live_{nullptr};  // engine_, published to other threads
  LoadReport report_;
};

// Starts the clients of a counter, register or set workload: options.clients clients at
// options.rate in all, each request with options.timeout (0: ctx.op_timeout), pausing
// retry_delay after an error, on links that follow the master (and, with follow_switch,
// +switch-master: `switches` is started first and stopped at the end). `done` runs on
// ctx.executor after the last client ended. `engine` and `switches` must outlive the clients.
void start_clients(WorkloadContext& ctx, const ClientOptions& options, GeneratorFactory generators,
                   EngineRun& engine, SwitchWatcher& switches, std::function<void()> done);

// Sends one command (`encoded`, for `key`, recorded as `f` with a nil argument) to the current
// master until it is ok or `timeout` passes, recording every attempt as history process
// `process`, 200 ms apart; used for final reads after the faults healed, when a failover may
// still be completing. `value` reads an ok reply into the value recorded. Returns the last
// result.
asio::awaitable<CallResult> read_until_ok(WorkloadContext& ctx, int64_t process, std::string f,
                                          std::string key, std::string encoded,
                                          std::function<Value(const CallResult&)> value,
                                          Nanos timeout);

}  // namespace rrt
