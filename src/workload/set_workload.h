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

#include "load/generator.h"
#include "workload/client_options.h"
#include "workload/engine_run.h"
#include "workload/switch_watcher.h"

namespace rrt {

// One set client's operations: client `index` of `clients` SADDs index, index + clients,
// index + 2 * clients, ... to `key` (unique without coordination), `ops` of them (0: until the
// run ends); with wait_replicas N, each followed by WAIT N <timeout> on the same connection.
class SetGenerator : public Generator {
 public:
  struct Wait {
    int replicas = 0;               // 0: no WAIT
    Nanos timeout = 100 * kMillis;  // WAIT's timeout argument
  };
  SetGenerator(std::string key, int index, int clients, int ops, Wait wait);
  bool next(std::string* out, Op* op, Step* step) override;
  // An ok WAIT reply below `replicas` makes the add `info` ("wait-unreplicated").
  void complete(CallResult* result, Op* op) override;

 private:
  std::string key_;
  int64_t index_, clients_;
  int ops_;
  Wait wait_;
  std::string wait_command_;  // encoded WAIT, empty without one
  int64_t seq_ = 0;
};

class SetWorkload : public Workload {
 public:
  using Wait = SetGenerator::Wait;
  SetWorkload(ClientOptions options, Wait wait) : options_(options), wait_(wait) {}

  std::string name() const override { return "set"; }
  void start(WorkloadContext& ctx, std::function<void()> done) override;
  asio::awaitable<void> finish(WorkloadContext& ctx) override;
  std::vector<std::string> checks() const override { return {"set"}; }
  nlohmann::json options() const override;
  nlohmann::json summary() const override;
  std::string report_text() const override;
  LoadReport progress() const override { return engine_.progress(); }

 private:
  std::string key(WorkloadContext& ctx, int i) const;

  ClientOptions options_;
  Wait wait_;
  EngineRun engine_;
  std::vector<int64_t> final_sizes_;  // members per key; -1 if the final read failed
  SwitchWatcher switches_;            // used with follow_switch
};

}  // namespace rrt
