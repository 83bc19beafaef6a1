// Set: clients SADD unique integers to one key (or a few) through the master; after the
// faults healed, finish() reads every key with SMEMBERS. The set check then names the
// acknowledged elements missing from the final read (lost writes) and elements that appeared
// although their adds failed.
//
// With wait_replicas: N, each SADD is followed on the same connection by WAIT N <wait_timeout>;
// an add whose WAIT reports fewer than N replicas is recorded `info` (error
// "wait-unreplicated"): the master applied it, but the client was not told it is safe, so it is
// not counted as acknowledged.
//
// History: f "add" (value: the element) per SADD, f "read" (value: the members) per SMEMBERS.
#pragma once

#include <memory>
#include <vector>

#include "workload/client_loop.h"

namespace rrt {

class SetWorkload : public Workload {
 public:
  struct Wait {
    int replicas = 0;               // 0: no WAIT
    Nanos timeout = 100 * kMillis;  // WAIT's timeout argument
  };
  SetWorkload(ClientOptions options, Wait wait) : options_(options), wait_(wait) {}

  std::string name() const override { return "set"; }
  void start(WorkloadContext& ctx, std::function<void()> done) override;
  asio::awaitable<void> finish(WorkloadContext& ctx) override;
  std::vector<std::string> checks() const override { return {"set"}; }
  nlohmann::json options() const override;
  nlohmann::json summary() const override;
  std::string report_text() const override;

 private:
  std::string key(WorkloadContext& ctx, int i) const;

  ClientOptions options_;
  Wait wait_;
  OpStats stats_;
  std::vector<int64_t> final_sizes_;  // members per key; -1 if the final read failed
  SwitchWatcher switches_;            // used with follow_switch
};

}  // namespace rrt
