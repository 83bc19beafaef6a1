#include "base/interrupt.h"

#include <pthread.h>

#include <cerrno>

namespace rrt {

InterruptGuard::InterruptGuard(Interrupts which, std::initializer_list<int> also) {
  sigemptyset(&set_);
  sigaddset(&set_, SIGINT);
  sigaddset(&set_, SIGTERM);
  if (which == Interrupts::kCtrlCHangup) sigaddset(&set_, SIGHUP);
  for (int s : also) sigaddset(&set_, s);
  pthread_sigmask(SIG_BLOCK, &set_, &old_);
}

InterruptGuard::~InterruptGuard() {
  pthread_sigmask(SIG_SETMASK, &old_, nullptr);
}

int InterruptGuard::wait_for(Nanos d) {
  int s = -1;
  if (d < 0) {
    while (s < 0) s = sigwaitinfo(&set_, nullptr);  // EINTR only: try again
  } else {
    timespec ts{static_cast<time_t>(d / kSeconds), static_cast<long>(d % kSeconds)};
    s = sigtimedwait(&set_, nullptr, &ts);
  }
  if (s <= 0) return 0;
  if (first_ == 0 && (s == SIGINT || s == SIGTERM || s == SIGHUP)) first_ = s;
  return s;
}

}  // namespace rrt
