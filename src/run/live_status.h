// What a running scenario looks like right now, for the terminal: elapsed and total time,
// operations completed and their rate, errors, the faults in force and the current master.
//
// The runner feeds it from three threads (the workloads' progress, the nemesis on the main
// thread, the sentinel observers); a Ticker thread reads a snapshot at a fixed period and
// hands it to the caller's printer. Reading never blocks a client for longer than a copy.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "base/clock.h"
#include "history/event.h"
#include "load/load_report.h"
#include "topo/topology.h"

namespace rrt {

struct StatusSnapshot {
  Nanos elapsed = 0;
  Nanos total = 0;
  uint64_t ok = 0, fail = 0, info = 0;  // completed operations so far
  double ops_per_s = 0;                 // since the previous snapshot
  double errors_per_s = 0;              // fail + info since the previous snapshot
  std::string faults;                   // faults in force, e.g. "kill redis-1"; empty: none
  std::string master;                   // e.g. "redis-3 127.0.0.1:7002"; empty: not known
};

// "  6.2/20.0 s  12034 ops  1510 ops/s  err 16 (0/s)  fault: pause redis-1  master: redis-3 ...".
std::string format_status(const StatusSnapshot& s);

class LiveStatus {
 public:
  // `progress` gives the operations completed so far (ok, fail, info); it is called from the
  // thread that calls snapshot().
  LiveStatus(const Topology& topology, std::function<LoadReport()> progress, Nanos t0, Nanos total);

  // A nemesis event: a "start" puts the fault in force, its "stop" takes it out.
  void on_fault_event(const Event& e);
  // A +switch-master payload: "<name> <old-ip> <old-port> <new-ip> <new-port>".
  void on_switch_master(const std::string& payload);

  // Counts since the previous call give the rates: call it from one thread only.
  StatusSnapshot snapshot();

 private:
  std::string describe(const Endpoint& e) const;

  const Topology topology_;
  const std::function<LoadReport()> progress_;
  const Nanos t0_, total_;
  std::mutex mu_;                              // guards faults_ and master_
  std::map<std::string, std::string> faults_;  // "<verb> <node>" -> same
  std::string master_;
  Nanos last_time_ = 0;
  uint64_t last_ops_ = 0, last_errors_ = 0;
};

// Calls `tick` every `period` on its own thread until destroyed; never after the destructor
// returns.
class Ticker {
 public:
  Ticker(Nanos period, std::function<void()> tick);
  ~Ticker();
  Ticker(const Ticker&) = delete;
  Ticker& operator=(const Ticker&) = delete;

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace rrt
