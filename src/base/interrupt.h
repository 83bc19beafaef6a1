// Ctrl-C as something to wait on. While an InterruptGuard lives, the signals it names are
// blocked in the thread that made it and in the threads started meanwhile, so they end waits
// (wait_for, poll) instead of the process: what was applied can then be undone. Children started
// with spawn_process (base/process.h) or run_tool (base/run_tool.h) get the default mask back.
// The old mask returns with the guard.
#pragma once

#include <signal.h>

#include <initializer_list>

#include "base/clock.h"

namespace rrt {

enum class Interrupts {
  kCtrlC,        // SIGINT, SIGTERM: a command that only watches or reads
  kCtrlCHangup,  // SIGINT, SIGTERM, SIGHUP: a run or a fault is going on, so a closed
                 // terminal must undo it too
};

class InterruptGuard {
 public:
  // `also`: further signals to take the same way (the lab supervisor waits for SIGCHLD).
  explicit InterruptGuard(Interrupts which, std::initializer_list<int> also = {});
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  // Waits up to `d` (< 0: without a deadline) for one of the signals; returns its number, or 0
  // when `d` passed. A signal from `which` is also remembered by signal().
  int wait_for(Nanos d);
  // wait_for(0): a signal already pending, or 0.
  int poll() { return wait_for(0); }
  // The first interrupt taken (SIGINT, SIGTERM, SIGHUP), 0 if none yet.
  int signal() const { return first_; }
  // The blocked set, for code that waits on it itself (sigtimedwait).
  const sigset_t& set() const { return set_; }

 private:
  sigset_t set_, old_;
  int first_ = 0;
};

}  // namespace rrt
