// Runs one scenario from start to verdict:
//   system up -> observers (sentinel events, node roles and offsets) + workloads + nemesis (fault
//   schedule) -> heal -> final reads -> lab down -> checkers -> results.json in the run directory.
// The runner is the only place that knows every part; each part knows only its own interface.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "base/clock.h"
#include "history/history_writer.h"
#include "run/live_status.h"
#include "scenario/scenario.h"
#include "system/system_under_test.h"

namespace rrt {

struct RunOptions {
  std::string runs_root = "runs";  // run directories go to <runs_root>/<scenario>/<timestamp>
  bool quiet = false;              // no per-workload lines, only the summary
  // Called with one line per fault action and per master switch while the run goes on; may be
  // called from the client loop's thread. Null: silent.
  std::function<void(const std::string&)> progress;
  // Called every `status_period` while the clients run, on a thread of its own, with where the
  // run stands (run/live_status.h). Null: none.
  std::function<void(const StatusSnapshot&)> status;
  Nanos status_period = kSeconds;
  // How the history is written: history.jsonl, or history.rrth in the compact form.
  HistoryEncoding history_encoding = HistoryEncoding::kJsonl;
};

struct RunOutcome {
  std::string run_dir;
  std::string verdict;  // "pass" | "fail" | "unknown"
  int exit_code = 0;    // base/errors.h
  nlohmann::json results;
  std::string report_text;  // what the workloads and checks say for a terminal
};

// Runs `scenario` on `system` (made by the caller: system/system_under_test.h, not started yet)
// with `clock` as the history's clock: the nemesis schedule, its events and the runner's waits
// go through it. A fault whose capability the system lacks is refused (UsageError) before
// anything starts (system/fault_support.h).
//
// Must be called from the main thread (lab processes die with the thread that started them).
// Take interrupts with base/interrupt.h (InterruptGuard, kCtrlCHangup) before making the system,
// so its threads do not take them. Ctrl-C (SIGINT), SIGTERM or SIGHUP during the run stops it early; every started fault
// is undone, newest first, the system is still finished and the results so far are written,
// with "interrupted": true.
//
// Checks: each workload's checks run on that workload's operations only (its process range);
// the scenario's own checks, and "failover-anatomy" for Sentinel labs where a fault hit the
// master, on all of them. results.json also gets "failover" (check/failover_anatomy.h) when that
// check ran.
RunOutcome run_scenario(const Scenario& scenario, SystemUnderTest& system, Clock& clock,
                        const RunOptions& options);

}  // namespace rrt
