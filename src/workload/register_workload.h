// Register: clients SET unique values and GET them over a few keys (f "write" / "read"), so
// the register check (linearizability per key) can tell whether every read returned a value
// that some order of the operations allows. Reads go to the master, or to healthy replicas
// with read_from: replicas (then stale reads are expected, and the stale-reads check counts
// them).
//
// Values are unique and increase over the run (1, 2, 3, ... over all clients and keys).
#pragma once

#include <atomic>
#include <memory>
#include <random>

#include "load/generator.h"
#include "workload/client_options.h"
#include "workload/engine_run.h"
#include "workload/switch_watcher.h"

namespace rrt {

// One register client's operations: a read (GET, to a replica with `replica_reads`) with
// probability `reads`, else a write (SET) of the next value of `values`, on one of `keys` keys
// "<prefix>register:<i>" chosen at random; `ops` of them (0: until the run ends).
class RegisterGenerator : public Generator {
 public:
  struct Options {
    std::string prefix;
    int keys = 1;
    double reads = 0.5;
    bool replica_reads = false;
    int ops = 0;
  };
  // `values` is shared by the workload's clients (the next value to write); `seed` seeds the
  // client's choices.
  RegisterGenerator(Options options, std::shared_ptr<std::atomic<int64_t>> values, uint64_t seed)
      : options_(std::move(options)), values_(std::move(values)), rng_(seed) {}
  bool next(std::string* out, Op* op, Step* step) override;
  void complete(CallResult* result, Op* op) override;

 private:
  Options options_;
  std::shared_ptr<std::atomic<int64_t>> values_;
  std::mt19937_64 rng_;
  int sent_ = 0;
};

class RegisterWorkload : public Workload {
 public:
  RegisterWorkload(ClientOptions options, double read_fraction)
      : options_(options), read_fraction_(read_fraction) {}

  std::string name() const override { return "register"; }
  void start(WorkloadContext& ctx, std::function<void()> done) override;
  std::vector<std::string> checks() const override;
  nlohmann::json options() const override;
  nlohmann::json summary() const override;
  std::string report_text() const override;
  LoadReport progress() const override { return engine_.progress(); }

 private:
  ClientOptions options_;
  double read_fraction_;
  EngineRun engine_;
  SwitchWatcher switches_;  // used with follow_switch
};

}  // namespace rrt
