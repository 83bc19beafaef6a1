// The one "who is the master" rule (topo/master.h) against real redis-server and redis-sentinel:
// it follows a FAILOVER on plain replication by ROLE, answers as the sentinels do, and falls
// back to the nodes' ROLE when no sentinel answers.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>

#include "base/wait.h"
#include "lab/lab.h"
#include "test_support.h"
#include "topo/ask.h"
#include "topo/master.h"

namespace rrt {
namespace {

using rrt::testing::TempHome;

ConnectOptions quick() {
  ConnectOptions o;
  o.timeout = kSeconds;
  return o;
}

TEST(MasterRuleOnRedis, FollowsAFailoverOnPlainReplication) {
  TempHome home;
  setenv("RRT_HOME", home.path().c_str(), 1);  // this test runs in a process of its own
  Lab lab(lab_spec_from_json({{"name", "mr1"}, {"kind", "replication"}, {"replicas", 1}}));
  lab.start();
  Endpoint first = lab.node("redis-1").info.endpoint, second = lab.node("redis-2").info.endpoint;
  EXPECT_EQ(must_find_master(lab.topology(), quick()), first);

  must_ask(first, {"FAILOVER", "TIMEOUT", "5000"}, quick());
  SystemClock clock;
  EXPECT_TRUE(wait_until(clock, 10 * kSeconds, 50 * kMillis,
                         [&] { return find_master(lab.topology(), quick()) == second; }));
  EXPECT_FALSE(role_says_master(must_ask(first, {"ROLE"}, quick())));
  lab.stop();
}

TEST(MasterRuleOnRedis, SentinelsAnswerFirstThenTheNodesRoles) {
  TempHome home;
  setenv("RRT_HOME", home.path().c_str(), 1);
  Lab lab(lab_spec_from_json(
      {{"name", "mr2"}, {"kind", "sentinel"}, {"replicas", 1}, {"sentinels", 1}, {"quorum", 1}}));
  lab.start();
  Topology t = lab.topology();
  Endpoint master = lab.node("redis-1").info.endpoint;
  EXPECT_EQ(must_find_master(t, quick()), master);

  // A sentinel that does not know the master name is skipped: the nodes' ROLE decides.
  Topology unknown = t;
  unknown.master_name = "no-such-master";
  EXPECT_EQ(must_find_master(unknown, quick()), master);
  // So it does with the only sentinel gone (and the rule does not hang on it).
  Endpoint sentinel = lab.node("sentinel-1").info.endpoint;
  lab.kill("sentinel-1");
  EXPECT_FALSE(ask(sentinel, {"PING"}, quick()).ok());
  EXPECT_EQ(must_find_master(t, quick()), master);
  lab.stop();
}

}  // namespace
}  // namespace rrt
