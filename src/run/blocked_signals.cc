#include "run/blocked_signals.h"

#include <pthread.h>

#include <ctime>

namespace rrt {

BlockedSignals::BlockedSignals() {
  sigemptyset(&set_);
  sigaddset(&set_, SIGINT);
  sigaddset(&set_, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set_, &old_);
}

BlockedSignals::~BlockedSignals() {
  pthread_sigmask(SIG_SETMASK, &old_, nullptr);
}

int BlockedSignals::pending() const {
  timespec zero{0, 0};
  int sig = sigtimedwait(&set_, nullptr, &zero);
  return sig > 0 ? sig : 0;
}

}  // namespace rrt
