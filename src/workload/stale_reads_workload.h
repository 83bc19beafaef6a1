// Writer/reader pairs (workshop exercise 0): the writer SETs its own key on the master; once the
// write is acknowledged, the reader GETs the key from a replica and compares. With asynchronous
// replication some reads return the previous value: a stale read.
//
// Each pair is one client of the load engine with two links, to the master and to its replica
// (the topology's roles at the start, replicas spread round-robin), and two history processes:
// the writer (process_base + 2 * pair) and the reader (+ 1).
#pragma once

#include <memory>
#include <vector>

#include "load/generator.h"
#include "workload/engine_run.h"

namespace rrt {

// What one pair saw.
struct PairStats {
  std::string replica;  // where the reader reads
  int writes_ok = 0;
  int reads = 0;  // ok reads
  int stale = 0;
  int errors = 0;  // operations that were not ok
};

// One pair's operations: rounds 1 .. `rounds`, each a SET of the round number to `key` on the
// master (lane 0) and, if it was ok, a GET of it from the replica (lane 1). Counts into `stats`.
class StaleReadsGenerator : public Generator {
 public:
  StaleReadsGenerator(std::string key, int rounds, PairStats* stats)
      : key_(std::move(key)), rounds_(rounds), stats_(stats) {}
  bool next(std::string* out, Op* op, Step* step) override;
  void complete(CallResult* result, Op* op) override;

 private:
  std::string key_;
  int rounds_;
  PairStats* stats_;
  int round_ = 0;
  bool reading_ = false;  // the next operation reads round_ back
};

class StaleReadsWorkload : public Workload {
 public:
  struct Options {
    int pairs = 100;    // writer/reader pairs
    int rounds = 1000;  // write-then-read rounds per pair
    double rate = 0;    // ops/s of all pairs together (2 per round); 0: as fast as they can
  };
  explicit StaleReadsWorkload(Options options) : options_(options) {}

  std::string name() const override { return "stale-reads"; }
  void start(WorkloadContext& ctx, std::function<void()> done) override;
  std::vector<std::string> checks() const override { return {"stale-reads"}; }
  nlohmann::json options() const override;
  nlohmann::json summary() const override;
  std::string report_text() const override;
  LoadReport progress() const override { return engine_.progress(); }

 private:
  Options options_;
  std::vector<PairStats> stats_;
  EngineRun engine_;
};

}  // namespace rrt
