// The sentinel-partition-split-brain exercise, run for real on netns hosts (needs root): the
// master and one replica, with the clients on their hosts, are cut from the other three hosts;
// both sides take writes; after heal the old side's acknowledged writes are gone.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "scenario_run.h"
#include "test_support.h"

namespace rrt {
namespace {

using rrt::testing::CommandResult;
using rrt::testing::read_jsonl;
using rrt::testing::run_rrt;
using rrt::testing::TempHome;
using rrt::testing::wait_no_processes_under;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::string shell(const std::string& command) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (!p) return "popen failed";
  char buf[512];
  while (fgets(buf, sizeof buf, p)) out += buf;
  pclose(p);
  return out;
}

const nlohmann::json* find_event(const std::vector<nlohmann::json>& events, const std::string& name,
                                 const std::string& phase = "") {
  for (const auto& e : events) {
    if (e["name"] == name && (phase.empty() || e["detail"].value("phase", "") == phase)) return &e;
  }
  return nullptr;
}

TEST(ScenarioSplitBrain, ScenariosListsTheThreeVariantsAsValid) {
  TempHome home;
  CommandResult r = run_rrt({"scenarios"}, home.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* name :
       {"sentinel-partition-split-brain", "sentinel-partition-split-brain-min-replicas",
        "sentinel-partition-split-brain-wait"}) {
    size_t at = r.out.find(std::string("\n") + name + " ");
    ASSERT_NE(at, std::string::npos) << name << " missing from\n" << r.out;
    std::string line = r.out.substr(at + 1, r.out.find('\n', at + 1) - at - 1);
    EXPECT_THAT(line, ::testing::Not(HasSubstr("BROKEN"))) << line;
  }
}

// About 40 s: 36 s of scenario, lab start and stop.
TEST(ScenarioSplitBrain, DefaultSettingsLoseAcknowledgedWrites) {
  if (geteuid() != 0) GTEST_SKIP() << "netns hosts need root";
  TempHome home;
  rrt::testing::ScenarioRun run =
      rrt::testing::run_scenario_cli({"sentinel-partition-split-brain"}, home.path(), 150);
  ASSERT_FALSE(run.dir.empty()) << run.command.out << run.command.err;
  EXPECT_EQ(run.command.exit_code, 1) << "lost writes make the set check fail\n"
                                      << run.command.out << run.command.err;
  nlohmann::json set = run.check("set");
  ASSERT_TRUE(set.is_object()) << run.results.dump(2);
  const nlohmann::json& m = set;  // the metrics are fields of the check
  EXPECT_EQ(set["verdict"], "invalid") << set.dump(2);
  EXPECT_GT(m["lost"].get<int>(), 0) << "acknowledged writes lost: " << m.dump();
  EXPECT_GT(m["acknowledged"].get<int>(), m["lost"].get<int>());
  EXPECT_GT(m["attempted"].get<int>(), 1000);
  EXPECT_GT(m["loss_rate"].get<double>(), 0.0);
  EXPECT_LT(m["ack_rate"].get<double>(), 1.0);
  EXPECT_TRUE(m.contains("unacknowledged_found"));
  EXPECT_THAT(set["summary"].get<std::string>(), HasSubstr("acknowledged lost"));

  // Both sides took writes during the partition: clients on client-1 and client-2 (processes
  // 0, 1, 5, 6) on the old master, the others on the new one.
  const std::vector<nlohmann::json>& events = run.events;
  const nlohmann::json* hosts = find_event(events, "client-hosts");
  ASSERT_NE(hosts, nullptr);
  EXPECT_EQ(hosts->at("detail")["client_hosts"].size(), 5u);
  const nlohmann::json* cut = find_event(events, "partition", "start");
  const nlohmann::json* heal = find_event(events, "partition", "stop");
  ASSERT_TRUE(cut && heal) << "partition start and stop events";
  std::string old_master;
  for (const auto& n : find_event(events, "lab-ready")->at("detail")["nodes"]) {
    if (n["name"] == "redis-1") old_master = n["endpoint"];
  }
  std::set<int64_t> minority = {0, 1, 5, 6};
  int old_side = 0, new_side = 0;
  for (const auto& op : read_jsonl(run.dir + "/history.jsonl")) {
    if (op["type"] != "ok" || op["f"] != "add") continue;
    int64_t t = op["time"];
    if (t < (*cut)["time"].get<int64_t>() + 8'000'000'000 || t > (*heal)["time"]) continue;
    bool on_old = op.value("node", "") == old_master;
    bool from_minority = minority.count(op["process"].get<int64_t>()) > 0;
    old_side += on_old && from_minority;
    new_side += !on_old && !from_minority;
    EXPECT_EQ(on_old, from_minority) << "a client reached the other side: " << op.dump();
  }
  EXPECT_GT(old_side, 0) << "minority clients kept writing to the old master";
  EXPECT_GT(new_side, 0) << "majority clients wrote to the new master";

  // Nothing left behind: processes, namespaces (the client hosts' too).
  EXPECT_THAT(wait_no_processes_under(home.path(), 5), IsEmpty());
  std::string netns = shell("ip netns list");
  for (const auto& h : hosts->at("detail")["client_hosts"]) {
    EXPECT_THAT(netns, ::testing::Not(HasSubstr(h["netns"].get<std::string>())));
  }
}

}  // namespace
}  // namespace rrt
