// Counter (the seed tool's counter client): many clients INCR a few keys (one by default)
// through the Sentinel-discovered master, re-discovering it after errors. After the faults
// healed, finish() reads every key from the master. The counter check compares that final
// value with the acknowledged increments: a final value below them means acknowledged writes
// were lost; ops that ended `info` (timeouts) may or may not count.
//
// History: f "incr" (value 1) per INCR, f "read" (value: the integer read) per final GET.
#pragma once

#include <memory>
#include <vector>

#include "load/generator.h"
#include "workload/client_options.h"
#include "workload/engine_run.h"
#include "workload/switch_watcher.h"

namespace rrt {

// One counter client's operations: INCR `key`, `ops` times (0: until the run ends).
class CounterGenerator : public Generator {
 public:
  CounterGenerator(std::string key, int ops) : key_(std::move(key)), ops_(ops) {}
  bool next(std::string* out, Op* op, Step* step) override;
  void complete(CallResult*, Op*) override {}  // the history shows the increment (1) again

 private:
  std::string key_;
  int ops_;
  int sent_ = 0;
};

class CounterWorkload : public Workload {
 public:
  explicit CounterWorkload(ClientOptions options) : options_(options) {}

  std::string name() const override { return "counter"; }
  void start(WorkloadContext& ctx, std::function<void()> done) override;
  asio::awaitable<void> finish(WorkloadContext& ctx) override;
  std::vector<std::string> checks() const override { return {"counter"}; }
  nlohmann::json options() const override;
  nlohmann::json summary() const override;
  std::string report_text() const override;
  LoadReport progress() const override { return engine_.progress(); }

 private:
  std::string key(WorkloadContext& ctx, int i) const;

  ClientOptions options_;
  EngineRun engine_;
  std::vector<int64_t> final_values_;  // per key; -1 if the final read failed
  SwitchWatcher switches_;             // used with follow_switch
};

}  // namespace rrt
