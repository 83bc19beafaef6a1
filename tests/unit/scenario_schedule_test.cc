// The fault schedule: at / for / every / repeat expanded into timed starts and stops.
#include <gtest/gtest.h>

#include "scenario/schedule.h"

namespace rrt {
namespace {

FaultStep step(Nanos at, Nanos duration = 0, Nanos every = 0, int repeat = 1) {
  FaultStep s;
  s.verb = "kill";
  s.at = at;
  s.duration = duration;
  s.every = every;
  s.repeat = repeat;
  return s;
}

constexpr Nanos s = kSeconds;

TEST(Schedule, OneFaultWithADurationStartsAndStops) {
  auto actions = expand_schedule({step(3 * s, 7 * s)});
  std::vector<FaultAction> want = {{3 * s, 0, true}, {10 * s, 0, false}};
  EXPECT_EQ(actions, want);
}

TEST(Schedule, WithoutADurationTheFaultStaysUntilTheEnd) {
  auto actions = expand_schedule({step(2 * s)});
  std::vector<FaultAction> want = {{2 * s, 0, true}};
  EXPECT_EQ(actions, want);  // the nemesis heals it when the run ends
}

TEST(Schedule, RepetitionsStartEveryPeriodAndStopAfterTheirDuration) {
  auto actions = expand_schedule({step(1 * s, 2 * s, 5 * s, 3)});
  std::vector<FaultAction> want = {{1 * s, 0, true},  {3 * s, 0, false}, {6 * s, 0, true},
                                   {8 * s, 0, false}, {11 * s, 0, true}, {13 * s, 0, false}};
  EXPECT_EQ(actions, want);
}

TEST(Schedule, RepetitionsWithoutDurationStopJustBeforeTheNextStart) {
  auto actions = expand_schedule({step(0, 0, 4 * s, 3)});
  std::vector<FaultAction> want = {
      {0, 0, true}, {4 * s, 0, false}, {4 * s, 0, true}, {8 * s, 0, false}, {8 * s, 0, true}};
  EXPECT_EQ(actions, want);
}

TEST(Schedule, StepsInterleaveByTimeAndStopsComeFirstAtEqualTimes) {
  // Step 0 stops at 5 s exactly when step 1 starts: the stop must come first.
  auto actions = expand_schedule({step(1 * s, 4 * s), step(5 * s, 1 * s), step(0, 2 * s)});
  std::vector<FaultAction> want = {{0, 2, true},      {1 * s, 0, true}, {2 * s, 2, false},
                                   {5 * s, 0, false}, {5 * s, 1, true}, {6 * s, 1, false}};
  EXPECT_EQ(actions, want);
}

TEST(Schedule, EmptyScheduleHasNoActions) {
  EXPECT_TRUE(expand_schedule({}).empty());
}

}  // namespace
}  // namespace rrt
