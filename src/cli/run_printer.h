// How `rrt run` and `rrt tour` show a scenario while it runs: one line per fault action and per
// master switch as they happen, plus a status line (run/live_status.h). On a terminal the
// status line is rewritten in place four times a second; otherwise it is printed as a plain line
// every 5 s, so logs stay readable; with --quiet nothing is printed until the summary.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "run/runner.h"

namespace rrt {

class RunPrinter {
 public:
  RunPrinter(bool quiet, bool tty);

  // Sets options->progress and options->status; they stay valid while this printer lives.
  void attach(RunOptions* options);
  // Erases the status line (call after the run, before printing the summary).
  void end();

 private:
  struct State {
    std::mutex mu;
    bool tty = false;
    std::string status;  // what the status line shows now ("" if none)
  };
  static void line(State& s, const std::string& text);
  static void status(State& s, const std::string& text);

  bool quiet_;
  std::shared_ptr<State> state_ = std::make_shared<State>();
};

}  // namespace rrt
