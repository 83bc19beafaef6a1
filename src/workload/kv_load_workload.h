// kv: SET/GET load at benchmark speed inside a scenario, on `rrt bench`'s engine
// (load/load_engine.h) and its SET/GET workload (load/kv_generator.h).
//
// Each client follows the master as the other workloads do (a TargetClient is its link), so the
// load goes on through a failover: more operations in each loss window than a paced workload
// drives. Values are unique per run, so the register check (linearizability per key) can find
// acknowledged writes that a later read shows were lost. With `rate` 0 the clients go as fast as
// the server answers; with a rate they share a token bucket, as `rrt bench --rate` does.
//
// The engine runs on its own threads (`threads`, default 1), recording into the run's history
// with the run's clock; start() returns at once, and `done` is posted to the scenario's loop
// when the engine has stopped. Not on Redis Cluster: a pipeline's keys may live on different
// nodes (use the register workload there).
#pragma once

#include <atomic>
#include <memory>
#include <thread>

#include "load/kv_generator.h"
#include "load/load_engine.h"
#include "workload/workload.h"

namespace rrt {

struct KvLoadOptions {
  int clients = 10;
  int threads = 1;
  int pipeline = 1;
  double rate = 0;           // ops/s over all clients; 0: as fast as the server answers
  int ops = 0;               // operations per client; 0: until the run's duration ends
  Nanos timeout = kSeconds;  // deadline of each pipeline batch
  KvOptions kv;              // ratio, keys, key pattern, value size
};

class KvLoadWorkload : public Workload {
 public:
  explicit KvLoadWorkload(KvLoadOptions options) : options_(std::move(options)) {}
  ~KvLoadWorkload() override;

  std::string name() const override { return "kv"; }
  // On a cluster topology it ends at once, saying why in summary() and report_text().
  void start(WorkloadContext& ctx, std::function<void()> done) override;
  asio::awaitable<void> finish(WorkloadContext& ctx) override;
  std::vector<std::string> checks() const override;
  nlohmann::json options() const override;
  nlohmann::json summary() const override;
  std::string report_text() const override;
  LoadReport progress() const override;

 private:
  void join();

  KvLoadOptions options_;
  std::unique_ptr<LoadEngine> engine_;
  std::atomic<const LoadEngine*> live_{nullptr};  // engine_, published to the status thread
  std::thread engine_thread_;
  LoadReport report_;  // written by the engine thread before it posts `done`
  std::string error_;  // what the engine threw, if it did
};

}  // namespace rrt
