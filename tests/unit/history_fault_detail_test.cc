// The fault event detail's one codec: every field round-trips, events.jsonl files written before
// the codec existed read and re-encode unchanged, and a missing or mistyped field is an error
// naming the key (read_events adds file and line).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <stdexcept>

#include "base/errors.h"
#include "history/fault_detail.h"
#include "history_samples.h"

namespace rrt {
namespace {

using history_samples::TempFile;
using ::testing::HasSubstr;
using ::testing::StrEq;
using ::testing::ThrowsMessage;

// The detail of `line`, an events.jsonl record, read as read_events reads it.
FaultDetail detail_of_line(const std::string& line) {
  return *fault_detail_of(event_from_json(nlohmann::json::parse(line)));
}

// What reading `detail` does, for ThrowsMessage.
std::function<void()> reading(const nlohmann::json& detail) {
  return [detail] { fault_detail_from_json(detail); };
}

TEST(FaultDetail, EveryFieldRoundTripsUnderItsDocumentedKey) {
  FaultDetail d;
  d.phase = FaultPhase::kStart;
  d.node = "redis-4";
  d.role = Role::kReplica;
  d.endpoint = "127.0.0.1:7003";
  d.disrupts_master = true;
  d.master = "redis-1";
  d.took = 250 * kMillis;
  d.failed_verb = "kill";
  d.error = "no running replica to target";
  d.extra = {{"pid", 4242}, {"groups", {{"redis-1"}, {"redis-2", "sentinel-1"}}}};
  nlohmann::json j = to_json(d);
  EXPECT_EQ(j.dump(),
            R"({"disrupts_master":true,"endpoint":"127.0.0.1:7003","error":"no running replica )"
            R"(to target","fault":"kill","groups":[["redis-1"],["redis-2","sentinel-1"]],)"
            R"("master":"redis-1","node":"redis-4","phase":"start","pid":4242,"role":"replica",)"
            R"("took_ms":250})");
  FaultDetail back = fault_detail_from_json(j);
  EXPECT_EQ(back.phase, d.phase);
  EXPECT_EQ(back.node, d.node);
  EXPECT_EQ(back.role, d.role);
  EXPECT_EQ(back.endpoint, d.endpoint);
  EXPECT_EQ(back.disrupts_master, d.disrupts_master);
  EXPECT_EQ(back.master, d.master);
  EXPECT_EQ(back.took, d.took);
  EXPECT_EQ(back.failed_verb, d.failed_verb);
  EXPECT_EQ(back.error, d.error);
  EXPECT_EQ(back.extra, d.extra);
  EXPECT_EQ(back.disrupted_master(), "redis-1");
}

TEST(FaultDetail, MissingOptionalKeysReadAsTheirDefaults) {
  FaultDetail d = fault_detail_from_json({{"phase", "stop"}});
  EXPECT_EQ(d.phase, FaultPhase::kStop);
  EXPECT_EQ(d.node, "");
  EXPECT_EQ(d.role, std::nullopt);
  EXPECT_EQ(d.endpoint, "");
  EXPECT_FALSE(d.disrupts_master);
  EXPECT_EQ(d.master, "");
  EXPECT_EQ(d.took, std::nullopt);
  EXPECT_EQ(d.extra, nlohmann::json::object());
  EXPECT_EQ(to_json(d).dump(), R"({"phase":"stop"})");
  d.node = "redis-2";
  EXPECT_EQ(d.disrupted_master(), "redis-2");  // no `master`: the node it hit
}

// tests/data/k8s/job/run/events.jsonl was written by a run before the codec existed.
TEST(FaultDetail, AnEventsFileWrittenBeforeTheCodecReadsAndReEncodesUnchanged) {
  Events events = read_events(std::string(RRT_SOURCE_DIR) + "/tests/data/k8s/job/run/events.jsonl");
  int faults = 0;
  for (const Event& e : events) {
    std::optional<FaultDetail> d = fault_detail_of(e);
    if (!d) continue;
    ++faults;
    EXPECT_EQ(e.name, "sentinel-failover");
    EXPECT_EQ(d->phase, FaultPhase::kStart);
    EXPECT_EQ(d->node, "redis-1");
    EXPECT_EQ(d->role, Role::kMaster);
    EXPECT_EQ(d->endpoint, "127.0.0.1:7000");
    EXPECT_TRUE(d->disrupts_master);
    EXPECT_EQ(d->extra, nlohmann::json({{"sentinel", "sentinel-1"}}));
    EXPECT_TRUE(is_disruption(e));
    EXPECT_EQ(to_json(*d).dump(), e.detail.dump());
  }
  EXPECT_EQ(faults, 1);
}

// Details as the faults wrote them by hand, one per kind of verb: each reads into the struct
// and writes back byte for byte.
TEST(FaultDetail, OldDetailsOfEveryKindOfVerbReEncodeByteForByte) {
  const char* kOld[] = {
      R"({"disrupts_master":true,"endpoint":"127.0.0.1:7000","node":"redis-1","phase":"start",)"
      R"("pid":4242,"role":"master","took_ms":12})",
      R"({"node":"redis-1","phase":"stop","pid":4250,"restarted":true})",
      R"({"disrupts_master":true,"groups":[["redis-1","sentinel-1"],["redis-2","redis-3",)"
      R"("sentinel-2","sentinel-3"]],"master":"redis-1","mechanism":"proxy","phase":"start"})",
      R"({"healed":true,"phase":"stop"})",
      R"({"disrupts_master":true,"endpoint":"127.0.0.1:7004","master":"redis-1","mode":"",)"
      R"("node":"redis-4","phase":"start","role":"replica"})",
      R"({"endpoint":"127.0.0.1:7001","mechanism":"netns","node":"redis-2","percent":10.0,)"
      R"("phase":"start","role":"replica"})",
      R"({"error":"no running replica to target","fault":"kill","phase":"start"})",
  };
  for (const char* text : kOld) {
    nlohmann::json old = nlohmann::json::parse(text);
    EXPECT_EQ(to_json(fault_detail_from_json(old)).dump(), old.dump()) << text;
  }
}

// The one change: a start that did not hit the master wrote "disrupts_master": false; the codec
// writes the key only when true. Both read the same.
TEST(FaultDetail, AFalseDisruptsMasterReadsAsFalseAndIsNotWritten) {
  FaultDetail d = detail_of_line(
      R"({"time":1000,"source":"nemesis","name":"shutdown","node":"redis-2","detail":)"
      R"({"disrupts_master":false,"endpoint":"127.0.0.1:7001","node":"redis-2","phase":"start",)"
      R"("pid":7,"role":"replica"}})");
  EXPECT_FALSE(d.disrupts_master);
  EXPECT_EQ(d.role, Role::kReplica);
  EXPECT_EQ(
      to_json(d).dump(),
      R"({"endpoint":"127.0.0.1:7001","node":"redis-2","phase":"start","pid":7,"role":"replica"})");
}

TEST(FaultDetail, AMissingOrMistypedKeyIsAnErrorNamingIt) {
  auto error = [](const std::string& text) { return ThrowsMessage<UsageError>(StrEq(text)); };
  EXPECT_THAT(reading({{"node", "redis-1"}}),
              error("fault detail needs \"phase\" (start or stop)"));
  EXPECT_THAT(reading({{"phase", "begin"}}),
              error("fault detail: bad \"phase\" \"begin\": expected start or stop"));
  EXPECT_THAT(reading({{"phase", 1}}),
              error("fault detail: bad \"phase\" 1: expected start or stop"));
  EXPECT_THAT(reading({{"phase", "start"}, {"role", "leader"}}),
              error("fault detail: bad \"role\" \"leader\": expected master, replica, sentinel, "
                    "cluster-node or proxy"));
  EXPECT_THAT(reading({{"phase", "start"}, {"disrupts_master", "yes"}}),
              error("fault detail: bad \"disrupts_master\" \"yes\": expected true or false"));
  EXPECT_THAT(reading({{"phase", "start"}, {"node", 7}}),
              error("fault detail: bad \"node\" 7: expected a string"));
  EXPECT_THAT(reading({{"phase", "start"}, {"took_ms", 1.5}}),
              error("fault detail: bad \"took_ms\" 1.5: expected an integer (ms)"));
  EXPECT_THAT(reading(nlohmann::json::array()),
              error("fault detail must be a JSON object, got []"));
}

TEST(FaultDetail, ReadEventsNamesFileAndLineOfABadFaultDetail) {
  TempFile file;
  {
    std::ofstream out(file.path());
    out << R"({"time":1,"source":"sentinel","name":"+sdown","detail":{"role":"leader"}})"
        << "\n"
        << R"({"time":2,"source":"nemesis","name":"kill",)"
           R"("detail":{"phase":"start","role":"leader"}})"
        << "\n";
  }
  try {
    read_events(file.path());
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    // Line 1 is not a fault's: its detail is not the codec's to judge.
    EXPECT_THAT(e.what(), HasSubstr(file.path() + ":2: fault detail: bad \"role\" \"leader\""));
  }
}

TEST(FaultDetail, OnlyANemesisStartThatHitTheMasterIsADisruption) {
  FaultDetail hit_master;
  hit_master.node = "redis-1";
  hit_master.role = Role::kMaster;
  hit_master.disrupts_master = true;
  FaultDetail hit_replica;
  hit_replica.node = "redis-2";
  hit_replica.role = Role::kReplica;
  FaultDetail stop = hit_master;
  stop.phase = FaultPhase::kStop;
  EXPECT_TRUE(is_disruption({1, kNemesis, "kill", "redis-1", to_json(hit_master)}));
  EXPECT_FALSE(is_disruption({1, kNemesis, "kill", "redis-2", to_json(hit_replica)}));
  EXPECT_FALSE(is_disruption({1, kNemesis, "kill", "redis-1", to_json(stop)}));
  EXPECT_FALSE(is_disruption({1, "observer", "role-change", "redis-1", to_json(hit_master)}));
  EXPECT_EQ(fault_detail_of({1, "observer", "role-change", "redis-1", {}}), std::nullopt);
}

TEST(FaultDetail, TypedFieldsWinOverExtraAndExtraTakesOnlyObjects) {
  FaultDetail d;
  d.node = "redis-1";
  d.add_extra({{"node", "redis-9"}, {"pid", 1}});
  d.add_extra(nullptr);
  EXPECT_EQ(to_json(d).dump(), R"({"node":"redis-1","phase":"start","pid":1})");
  EXPECT_THROW(d.add_extra(nlohmann::json::array()), std::logic_error);
}

}  // namespace
}  // namespace rrt
