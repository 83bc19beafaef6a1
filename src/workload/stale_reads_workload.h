// Writer/reader pairs (workshop exercise 0): the writer SETs its own key on the master; once the
// write is acknowledged, the reader GETs the key from a replica and compares. With asynchronous
// replication some reads return the previous value: a stale read.
#pragma once

#include <memory>
#include <vector>

#include "workload/workload.h"

namespace rrt {

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

 private:
  struct PairStats {
    std::string replica;  // where the reader reads
    int writes_ok = 0;
    int reads = 0;  // ok reads
    int stale = 0;
    int errors = 0;
  };
  asio::awaitable<void> run_pair(WorkloadContext& ctx, int pair, Endpoint master, Endpoint replica);

  Options options_;
  std::vector<PairStats> stats_;
  std::shared_ptr<ClientCounter> counter_;
};

}  // namespace rrt
