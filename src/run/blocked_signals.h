// Ctrl-C and SIGTERM during a run: blocked for the thread that makes this object and for every
// thread it starts afterwards (the lab's helpers, the client loop), so that the run asks for them
// when it is ready (pending()) instead of dying in the middle of a fault.
#pragma once

#include <signal.h>

namespace rrt {

class BlockedSignals {
 public:
  // Blocks SIGINT and SIGTERM; the old mask comes back when it goes. Make it on the main thread
  // before the system under test exists, so the system's threads inherit the mask.
  BlockedSignals();
  ~BlockedSignals();
  BlockedSignals(const BlockedSignals&) = delete;
  BlockedSignals& operator=(const BlockedSignals&) = delete;

  // A signal that arrived (and is now consumed), or 0; never waits.
  int pending() const;

 private:
  sigset_t set_, old_;
};

}  // namespace rrt
