// Register: clients SET unique values and GET them over a few keys (f "write" / "read"), so
// the register check (linearizability per key) can tell whether every read returned a value
// that some order of the operations allows. Reads go to the master, or to healthy replicas
// with read_from: replicas (then stale reads are expected, and the stale-reads check counts
// them).
//
// Values are unique and increase over the run (1, 2, 3, ... over all clients and keys).
#pragma once

#include <memory>
#include <random>

#include "workload/client_loop.h"

namespace rrt {

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

 private:
  ClientOp next_op(WorkloadContext& ctx);

  ClientOptions options_;
  double read_fraction_;
  OpStats stats_;
  int64_t next_value_ = 1;  // clients run on one thread: no lock needed
  std::mt19937_64 rng_{std::random_device{}()};
  SwitchWatcher switches_;  // used with follow_switch
};

}  // namespace rrt
