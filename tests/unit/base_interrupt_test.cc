// InterruptGuard: a blocked Ctrl-C becomes a value that ends a wait, never the process.
#include <gtest/gtest.h>
#include <pthread.h>
#include <signal.h>

#include "base/interrupt.h"

namespace rrt {
namespace {

bool blocked(int s) {
  sigset_t now;
  pthread_sigmask(SIG_SETMASK, nullptr, &now);
  return sigismember(&now, s) == 1;
}

TEST(InterruptGuard, TakesARaisedSignalInsteadOfDying) {
  ASSERT_FALSE(blocked(SIGINT));
  {
    InterruptGuard guard(Interrupts::kCtrlC);
    EXPECT_TRUE(blocked(SIGINT));
    EXPECT_TRUE(blocked(SIGTERM));
    EXPECT_FALSE(blocked(SIGHUP));
    EXPECT_EQ(guard.poll(), 0);
    EXPECT_EQ(guard.signal(), 0);
    raise(SIGTERM);
    EXPECT_EQ(guard.wait_for(5 * kSeconds), SIGTERM);  // at once: it is pending
    EXPECT_EQ(guard.signal(), SIGTERM);
    raise(SIGINT);
    EXPECT_EQ(guard.poll(), SIGINT);
    EXPECT_EQ(guard.signal(), SIGTERM);  // the first one is remembered
  }
  EXPECT_FALSE(blocked(SIGINT));  // the old mask is back
}

TEST(InterruptGuard, HangupOnlyWhereARunGoesOn) {
  InterruptGuard guard(Interrupts::kCtrlCHangup, {SIGUSR2});
  EXPECT_TRUE(blocked(SIGHUP));
  raise(SIGUSR2);
  EXPECT_EQ(guard.poll(), SIGUSR2);
  EXPECT_EQ(guard.signal(), 0);  // an extra signal is not an interrupt
  raise(SIGHUP);
  EXPECT_EQ(guard.poll(), SIGHUP);
  EXPECT_EQ(guard.signal(), SIGHUP);
}

TEST(InterruptGuard, WaitWithoutSignalTakesItsTime) {
  InterruptGuard guard(Interrupts::kCtrlC);
  Nanos start = mono_ns();
  EXPECT_EQ(guard.wait_for(30 * kMillis), 0);
  EXPECT_GE(mono_ns() - start, 25 * kMillis);
}

}  // namespace
}  // namespace rrt
