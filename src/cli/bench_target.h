// Where `rrt bench` sends its load: one fixed server (--url), or the master of a Sentinel
// deployment, followed through failovers (--sentinel, or the lab's sentinels when neither flag
// is given). The safety rule of load/target_guard.h holds for every address involved.
#pragma once

#include <memory>
#include <string>

#include "load/load_engine.h"
#include "topo/target_url.h"
#include "workload/workload.h"

namespace rrt {

struct BenchTargetFlags {
  std::string url;       // redis://...
  std::string sentinel;  // sentinel://host:port[,host:port]/name
  std::string lab = "default";
  Nanos timeout = 2 * kSeconds;  // connects and discovery
  bool allow_remote = false;
  double rate = 0;
};

class BenchTarget {
 public:
  // Resolves the flags: parses the URL, or asks the sentinels for the deployment (each request
  // with `timeout`). Throws UsageError for bad flags, no lab, or an address the guard refuses;
  // EnvironmentError if no sentinel answers.
  explicit BenchTarget(const BenchTargetFlags& flags);

  // Sets the endpoint (fixed) or the link factory (following) of `options`.
  void apply(LoadOptions* options) const;
  // Makes sure the (current) master answers PING; throws EnvironmentError otherwise.
  void check_reachable() const;
  // The master now: the fixed server, or the one the sentinels name when asked again (a failover
  // moves it). Throws EnvironmentError if no sentinel answers or they name no master.
  Endpoint current_master() const;
  // AUTH and the connect deadline for the target's data nodes.
  ConnectOptions connect() const;
  // The target for output, without a password.
  const std::string& description() const { return description_; }

 private:
  std::string description_;
  RedisUrl fixed_;                           // when not following
  TargetUrl sentinels_;                      // when following
  std::unique_ptr<WorkloadContext> follow_;  // the deployment, when following the master
  Nanos timeout_;
};

}  // namespace rrt
