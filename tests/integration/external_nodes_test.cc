// ExternalNodes (the wire-level fault seams of an external target) on a real lab, with a
// FakeClock for its waits: SHUTDOWN NOSAVE is confirmed by the node going silent, a node nothing
// restarts is reported as staying down (after 30 s of fake time, at once), a node that comes
// back is seen back, and DEBUG SLEEP on a node without enable-debug-command is refused.
#include "system/external_nodes.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "base/errors.h"
#include "base/fake_clock.h"
#include "lab/lab.h"
#include "test_support.h"

namespace rrt {
namespace {

using ::testing::HasSubstr;

LabSpec replication_spec(const std::string& home) {
  setenv("RRT_HOME", home.c_str(), 1);
  LabSpec s;
  s.name = fmt::format("extnodes-{}", getpid());
  s.kind = TopologyKind::kReplication;
  s.replicas = 1;
  s.sentinels = 0;
  return s;
}

TEST(ExternalNodes, ShutdownIsConfirmedAndANodeNothingRestartsIsReportedDown) {
  rrt::testing::TempHome home;
  Lab lab(replication_spec(home.path()));
  lab.start();
  FakeClock clock;
  ExternalNodes nodes(lab.topology(), lab.spec().connect_options(kSeconds), clock);
  EXPECT_EQ(nodes.master(), "redis-1");
  nlohmann::json killed = nodes.kill("redis-2");
  EXPECT_EQ(killed["command"], "SHUTDOWN NOSAVE");
  EXPECT_EQ(killed["confirmed"], "stopped answering");
  EXPECT_FALSE(lab.running("redis-2"));  // the process really exited
  EXPECT_FALSE(nodes.running("redis-2"));
  Nanos before = clock.now();
  try {
    nodes.restart("redis-2");
    FAIL() << "expected EnvironmentError";
  } catch (const EnvironmentError& e) {
    EXPECT_THAT(e.what(), HasSubstr("redis-2 stayed down: nothing restarted it within 30s"));
  }
  EXPECT_GE(clock.now() - before, 30 * kSeconds);  // waited on the fake clock
  lab.restart("redis-2");                          // the "supervisor" brings it back
  nlohmann::json back = nodes.restart("redis-2");
  EXPECT_TRUE(back.contains("back_after_ms")) << back.dump();
  EXPECT_TRUE(nodes.running("redis-2"));
}

TEST(ExternalNodes, DebugSleepIsRefusedWhereDebugIsDisabled) {
  rrt::testing::TempHome home;
  Lab lab(replication_spec(home.path()));
  lab.start();
  FakeClock clock;
  ExternalNodes nodes(lab.topology(), lab.spec().connect_options(kSeconds), clock);
  EXPECT_THAT(debug_refusal(lab.topology(), lab.spec().connect_options(kSeconds)),
              HasSubstr("redis-1 (127.0.0.1:"));
  try {
    nodes.pause("redis-1", 2 * kSeconds);
    FAIL() << "expected EnvironmentError";
  } catch (const EnvironmentError& e) {
    EXPECT_THAT(e.what(), HasSubstr("redis-1 refused DEBUG SLEEP"));
  }
  EXPECT_FALSE(nodes.paused("redis-1"));
  EXPECT_THROW(nodes.pause("redis-1", 0), UsageError);  // DEBUG SLEEP needs a length
}

}  // namespace
}  // namespace rrt
