// The clock seam: FakeClock moves only when slept on, wait_until keeps its deadline on any clock.
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <thread>

#include "base/clock.h"
#include "base/fake_clock.h"
#include "base/wait.h"

namespace rrt {
namespace {

TEST(FakeClock, MovesOnlyWhenSleptOnOrAdvanced) {
  FakeClock clock(5 * kSeconds);
  EXPECT_EQ(clock.now(), 5 * kSeconds);
  EXPECT_EQ(clock.now(), 5 * kSeconds);
  clock.sleep_for(250 * kMillis);
  EXPECT_EQ(clock.now(), 5 * kSeconds + 250 * kMillis);
  clock.advance(kSeconds);
  clock.advance(-kSeconds);  // never backwards
  clock.sleep_for(0);
  EXPECT_EQ(clock.now(), 6 * kSeconds + 250 * kMillis);
}

TEST(FakeClock, ThreadSafeAdvance) {
  FakeClock clock(0);
  std::thread a([&] {
    for (int i = 0; i < 10000; ++i) clock.advance(1);
  });
  std::thread b([&] {
    for (int i = 0; i < 10000; ++i) clock.sleep_for(1);
  });
  a.join();
  b.join();
  EXPECT_EQ(clock.now(), 20000);
}

TEST(WaitUntil, FalseAfterExactlyTheTimeoutOfFakeTime) {
  FakeClock clock;
  Nanos start = clock.now();
  int tries = 0;
  bool ok = wait_until(clock, 10 * kSeconds, 3 * kSeconds, [&] {
    ++tries;
    return false;
  });
  EXPECT_FALSE(ok);
  EXPECT_EQ(clock.now() - start, 10 * kSeconds);
  EXPECT_EQ(tries, 5);  // at 0, 3, 6, 9 and the last try at 10
}

TEST(WaitUntil, TrueAsSoonAsDone) {
  FakeClock clock;
  Nanos start = clock.now();
  int tries = 0;
  bool ok = wait_until(clock, 60 * kSeconds, 100 * kMillis, [&] { return ++tries == 3; });
  EXPECT_TRUE(ok);
  EXPECT_EQ(tries, 3);
  EXPECT_EQ(clock.now() - start, 200 * kMillis);  // no sleep after the successful try
}

TEST(WaitUntil, DoneAtOnceDoesNotSleep) {
  FakeClock clock;
  Nanos start = clock.now();
  EXPECT_TRUE(wait_until(clock, kSeconds, kMillis, [] { return true; }));
  EXPECT_EQ(clock.now(), start);
}

TEST(WaitUntil, ZeroTimeoutMakesOneTry) {
  FakeClock clock;
  int tries = 0;
  EXPECT_FALSE(wait_until(clock, 0, kMillis, [&] {
    ++tries;
    return false;
  }));
  EXPECT_EQ(tries, 1);
}

TEST(WaitUntil, DoneMayThrow) {
  FakeClock clock;
  EXPECT_THROW(
      wait_until(clock, kSeconds, kMillis, []() -> bool { throw std::runtime_error("x"); }),
      std::runtime_error);
}

TEST(WaitUntil, SystemClockKeepsItsDeadline) {
  SystemClock clock;
  Nanos start = clock.now();
  EXPECT_FALSE(wait_until(clock, 50 * kMillis, 10 * kMillis, [] { return false; }));
  Nanos spent = clock.now() - start;
  EXPECT_GE(spent, 50 * kMillis);
  EXPECT_LT(spent, 2 * kSeconds);  // generous: the machine is shared
  std::atomic<bool> flag{false};
  std::thread t([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    flag = true;
  });
  EXPECT_TRUE(wait_until(clock, 10 * kSeconds, 5 * kMillis, [&] { return flag.load(); }));
  t.join();
  EXPECT_LT(clock.now() - start, 5 * kSeconds);
}

TEST(SystemClock, NowIsMonotonicAndSleepSleeps) {
  SystemClock clock;
  Nanos a = clock.now();
  clock.sleep_for(5 * kMillis);
  Nanos b = clock.now();
  EXPECT_GE(b - a, 5 * kMillis);
  clock.sleep_for(-kSeconds);  // no sleep, no throw
  EXPECT_GE(clock.now(), b);
}

}  // namespace
}  // namespace rrt
