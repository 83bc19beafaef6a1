// Fault verbs: what make_fault accepts and refuses before anything runs.
#include "fault/fault_registry.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/option_reader.h"

namespace rrt {
namespace {

using ::testing::HasSubstr;

TEST(FaultRegistry, EveryVerbBuildsWithItsDefaults) {
  for (const auto& v : fault_verbs()) {
    SCOPED_TRACE(v.verb);
    nlohmann::json args = nlohmann::json::object();
    if (std::string(v.verb) == "partition") args["isolate"] = "master";
    if (std::string(v.verb) == "cut") args = {{"from", "master"}, {"to", "sentinels"}};
    auto fault = make_fault(v.verb, args);
    EXPECT_EQ(fault->name(), v.verb);
  }
}

TEST(FaultRegistry, UnknownVerbListsTheKnownOnes) {
  try {
    make_fault("explode", {});
    FAIL();
  } catch (const UsageError& e) {
    EXPECT_THAT(e.what(), HasSubstr("unknown fault 'explode'"));
    EXPECT_THAT(e.what(), HasSubstr("kill, shutdown, pause"));
  }
}

TEST(FaultRegistry, TargetsAreRoleWordsOrNodeNames) {
  for (const char* ok : {"master", "replica", "any-replica", "redis-3", "sentinel-1"}) {
    EXPECT_NO_THROW(make_fault("kill", {{"target", ok}})) << ok;
  }
  EXPECT_THROW(make_fault("kill", {{"target", "primary"}}), OptionError);
  EXPECT_THROW(make_fault("remove-replica", {{"target", "master"}}), OptionError);
  EXPECT_THROW(make_fault("restart", {{"target", "master"}}), OptionError);
}

TEST(FaultRegistry, UnknownOrBadOptionsNameTheOption) {
  try {
    make_fault("pause", {{"target", "master"}, {"restart", true}});
    FAIL() << "pause has nothing to restart";
  } catch (const OptionError& e) {
    EXPECT_EQ(e.key(), "restart");
  }
  EXPECT_THROW(make_fault("add-replica", {{"count", 9}}), OptionError);
  EXPECT_THROW(make_fault("stop-sentinels", {{"count", "two"}}), OptionError);
  EXPECT_THROW(make_fault("latency", {{"delay", 100}}), OptionError);  // needs a unit
  EXPECT_THROW(make_fault("partition", {}), OptionError);
  EXPECT_THROW(make_fault("partition", nlohmann::json::parse(R"({"groups": [["master"]]})")),
               OptionError);  // one group cuts nothing
}

// The option an error names, and its message, for `failover` with `args`.
std::pair<std::string, std::string> failover_error(const nlohmann::json& args) {
  try {
    make_fault("failover", args);
  } catch (const OptionError& e) {
    return {e.key(), e.what()};
  }
  return {"", "accepted"};
}

TEST(FaultRegistry, FailoverOptionsAreCheckedAndNamed) {
  EXPECT_NO_THROW(make_fault("failover", {}));
  EXPECT_NO_THROW(make_fault("failover", {{"to", "redis-2"}, {"timeout", "2s"}}));
  EXPECT_NO_THROW(
      make_fault("failover", {{"to", "replica"}, {"timeout", "500ms"}, {"force", true}}));
  auto [key, what] = failover_error({{"to", "primary"}});
  EXPECT_EQ(key, "to");
  EXPECT_THAT(what, HasSubstr("bad to 'primary': expected replica or a node name"));
  std::tie(key, what) = failover_error({{"timeout", 2000}});
  EXPECT_EQ(key, "timeout") << what;  // a bare number has no unit
  std::tie(key, what) = failover_error({{"force", true}, {"timeout", "1s"}});
  EXPECT_EQ(key, "force");
  EXPECT_THAT(what, HasSubstr("force needs both to and timeout"));
  std::tie(key, what) = failover_error({{"force", "yes please"}});
  EXPECT_EQ(key, "force") << what;
  std::tie(key, what) = failover_error({{"timeout", "5s"}, {"deadline", "2s"}});
  EXPECT_EQ(key, "deadline");
  EXPECT_THAT(what, HasSubstr("deadline must be longer than timeout"));
  std::tie(key, what) = failover_error({{"target", "master"}});
  EXPECT_EQ(key, "target");
  EXPECT_THAT(what, HasSubstr("unknown option 'target'"));
}

TEST(FaultRegistry, ClusterFailoverModesIncludeTheCoordinatedDefault) {
  for (const char* mode : {"default", "force", "takeover"}) {
    EXPECT_NO_THROW(make_fault("cluster-failover", {{"mode", mode}})) << mode;
  }
  try {
    make_fault("cluster-failover", {{"mode", "gentle"}});
    FAIL();
  } catch (const OptionError& e) {
    EXPECT_EQ(e.key(), "mode");
    EXPECT_THAT(e.what(), HasSubstr("expected default, force or takeover"));
  }
}

TEST(FaultRegistry, NetworkVerbsNeedTheNetwork) {
  FaultContext ctx;  // no network: a loopback lab
  for (const char* verb : {"loss", "latency", "bandwidth", "heal"}) {
    auto fault = make_fault(verb, {});
    Capability need =
        std::string(verb) == "latency" ? Capability::kNetworkLatency : Capability::kNetwork;
    EXPECT_EQ(fault->needs(), std::vector<Capability>{need}) << verb;
    try {
      fault->start(ctx);
      FAIL() << verb;
    } catch (const UsageError& e) {
      EXPECT_THAT(e.what(), HasSubstr("needs --hosts netns or proxy")) << verb;
    }
  }
  EXPECT_EQ(make_fault("kill", {})->needs(), std::vector<Capability>{Capability::kKill});
  EXPECT_EQ(make_fault("pause", {})->needs(), std::vector<Capability>{Capability::kPause});
  EXPECT_EQ(make_fault("sentinel-failover", {})->needs(),
            std::vector<Capability>{Capability::kCommands});
}

}  // namespace
}  // namespace rrt
