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

#include "workload/client_loop.h"

namespace rrt {

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

 private:
  std::string key(WorkloadContext& ctx, int i) const;

  ClientOptions options_;
  OpStats stats_;
  std::vector<int64_t> final_values_;  // per key; -1 if the final read failed
  SwitchWatcher switches_;             // used with follow_switch
};

}  // namespace rrt
