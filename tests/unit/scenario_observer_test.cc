// The role tracker: polled samples in, role-change events and compact offset snapshots out.
#include <gtest/gtest.h>

#include "observe/role_tracker.h"

namespace rrt {
namespace {

NodeSample sample(const std::string& node, const std::string& role, int64_t offset = -1) {
  return {node, "127.0.0.1:7000", role, offset, "", ""};
}

TEST(RoleTracker, FirstSampleIsAChangeFromNull) {
  RoleTracker t;
  auto change = t.observe(sample("redis-1", "master", 10));
  ASSERT_TRUE(change);
  EXPECT_TRUE((*change)["from"].is_null());
  EXPECT_EQ((*change)["to"], "master");
  EXPECT_EQ((*change)["offset"], 10);
  EXPECT_FALSE(t.observe(sample("redis-1", "master", 20)));
}

TEST(RoleTracker, KillRestartDemoteIsThreeChanges) {
  RoleTracker t;
  t.observe(sample("redis-1", "master", 10));
  std::vector<std::string> seen;
  for (const char* role : {"down", "down", "master", "replica", "replica"}) {
    if (auto c = t.observe(sample("redis-1", role)))
      seen.push_back((*c)["from"].get<std::string>() + ">" + role);
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"master>down", "down>master", "master>replica"}));
}

TEST(RoleTracker, OffsetsAreReportedOnlyWhenTheyMove) {
  RoleTracker t;
  t.observe(sample("redis-1", "master", 100));
  t.observe(sample("redis-2", "replica", 90));
  auto first = t.offsets_if_changed();
  ASSERT_TRUE(first);
  EXPECT_EQ(*first, (nlohmann::json{{"redis-1", 100}, {"redis-2", 90}}));
  EXPECT_FALSE(t.offsets_if_changed());
  t.observe(sample("redis-2", "replica", 100));
  EXPECT_EQ(*t.offsets_if_changed(), (nlohmann::json{{"redis-1", 100}, {"redis-2", 100}}));
  t.observe(sample("redis-1", "down"));  // no offset: left out
  EXPECT_EQ(*t.offsets_if_changed(), (nlohmann::json{{"redis-2", 100}}));
  t.forget("redis-2");
  EXPECT_EQ(*t.offsets_if_changed(), nlohmann::json::object());
}

}  // namespace
}  // namespace rrt
