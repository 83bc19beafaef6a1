// Set: clients SADD unique integers to one key (or a few) through the master; after the
// faults healed, finish() reads every key with SMEMBERS. The set check then names the
// acknowledged elements missing from the final read (lost writes) and elements that appeared
// although their adds failed.
//
// History: f "add" (value: the element) per SADD, f "read" (value: the members) per SMEMBERS.
#pragma once

#include <memory>
#include <vector>

#include "workload/client_loop.h"

namespace rrt {

class SetWorkload : public Workload {
 public:
  explicit SetWorkload(ClientOptions options) : options_(options) {}

  std::string name() const override { return "set"; }
  void start(WorkloadContext& ctx, std::function<void()> done) override;
  asio::awaitable<void> finish(WorkloadContext& ctx) override;
  std::vector<std::string> checks() const override { return {"set"}; }
  nlohmann::json summary() const override;
  std::string report_text() const override;

 private:
  std::string key(WorkloadContext& ctx, int i) const;

  ClientOptions options_;
  OpStats stats_;
  std::vector<int64_t> final_sizes_;  // members per key; -1 if the final read failed
  SwitchWatcher switches_;  // used with follow_switch
};

}  // namespace rrt
