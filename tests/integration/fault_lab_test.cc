// Every fault against real lab processes: what each did, as events.jsonl records it, and
// `rrt sentinel kill`. Every run must leave no process behind.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "history/fault_detail.h"
#include "scenario_run.h"
#include "test_support.h"

namespace rrt {
namespace {

using rrt::testing::CommandResult;
using rrt::testing::run_rrt;
using rrt::testing::TempHome;
using rrt::testing::wait_no_processes_under;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

using rrt::testing::run_scenario_cli;
using rrt::testing::ScenarioRun;
using rrt::testing::write_scenario;

// The details of the fault events of `verb` with `phase`, read through the codec.
std::vector<FaultDetail> fault_events(const ScenarioRun& r, const std::string& verb,
                                      FaultPhase phase) {
  std::vector<FaultDetail> out;
  for (const auto& e : r.find(kNemesis, verb)) {
    FaultDetail d = fault_detail_from_json(e["detail"]);
    EXPECT_EQ(e.value("node", ""), d.node);
    if (d.phase == phase) out.push_back(d);
  }
  return out;
}

// The roles the observers saw `node` take, in order.
std::vector<std::string> roles_of(const ScenarioRun& r, const std::string& node) {
  std::vector<std::string> roles;
  for (const auto& e : r.find("observer", "role-change")) {
    if (e["node"] == node) roles.push_back(e["detail"]["to"]);
  }
  return roles;
}

constexpr char kReplicaFaults[] = R"(name: faults-on-replicas
topology: {kind: sentinel, replicas: 2, sentinels: 3, quorum: 2, down_after_ms: 1000}
duration: 8s
workloads:
  - kind: counter
    clients: 2
    rate: 200
faults:
  - shutdown: replica      # the first replica by name: redis-2
    at: 1s
    for: 1s
  - pause: any-replica
    at: 3s
    for: 1s
  - kill: {target: redis-3, restart: false}
    at: 5s
  - restart: redis-3
    at: 6s
)";

TEST(FaultsOnLab, ShutdownPauseKillAndRestartActOnTheTargetedNodes) {
  TempHome home;
  ScenarioRun r =
      run_scenario_cli({write_scenario(home.path(), "replicas", kReplicaFaults)}, home.path());
  ASSERT_EQ(r.command.exit_code, 0) << r.command.out << r.command.err;
  EXPECT_TRUE(r.find("nemesis", "fault-error").empty()) << r.command.out;

  auto shutdown = fault_events(r, "shutdown", FaultPhase::kStart);
  ASSERT_EQ(shutdown.size(), 1u);
  EXPECT_EQ(shutdown[0].node, "redis-2");
  EXPECT_EQ(shutdown[0].role, Role::kReplica);
  EXPECT_FALSE(shutdown[0].disrupts_master);
  auto shutdown_stop = fault_events(r, "shutdown", FaultPhase::kStop);
  ASSERT_EQ(shutdown_stop.size(), 1u);
  EXPECT_EQ(shutdown_stop[0].extra["restarted"], true);

  auto pause = fault_events(r, "pause", FaultPhase::kStart);
  ASSERT_EQ(pause.size(), 1u);
  EXPECT_EQ(pause[0].role, Role::kReplica);
  EXPECT_FALSE(pause[0].disrupts_master);
  EXPECT_EQ(fault_events(r, "pause", FaultPhase::kStop).size(), 1u);
  std::string paused = pause[0].node;
  EXPECT_THAT(roles_of(r, paused), ::testing::Contains("unresponsive"));

  auto kill = fault_events(r, "kill", FaultPhase::kStart);
  ASSERT_EQ(kill.size(), 1u);
  EXPECT_EQ(kill[0].node, "redis-3");
  auto restart = fault_events(r, "restart", FaultPhase::kStart);
  ASSERT_EQ(restart.size(), 1u);
  EXPECT_EQ(restart[0].node, "redis-3");
  EXPECT_GT(restart[0].extra["pid"], 0);
  auto kill_stop = fault_events(r, "kill", FaultPhase::kStop);  // at the end: nothing restarted
  ASSERT_EQ(kill_stop.size(), 1u);
  EXPECT_FALSE(kill_stop[0].extra.contains("restarted"));

  // The observers saw the shut down replica go and come back, and redis-3 likewise.
  std::vector<std::string> back = {"replica", "down", "replica"};
  EXPECT_THAT(roles_of(r, "redis-2"), ::testing::IsSupersetOf(back));
  EXPECT_THAT(roles_of(r, "redis-3"), ::testing::IsSupersetOf(back));
  // Faults on replicas cost no acknowledged write, and need no failover anatomy.
  EXPECT_EQ(r.check("counter")["verdict"], "valid") << r.command.out;
  EXPECT_TRUE(r.check("failover-anatomy").is_null());
  EXPECT_THAT(wait_no_processes_under(home.path(), 5), IsEmpty());
}

int port_after(const std::string& text, const std::string& marker) {
  size_t at = text.find(marker);
  return at == std::string::npos ? 0 : std::stoi(text.substr(at + marker.size()));
}

TEST(SentinelKill, KillsTheLabMasterAndFollowsTheFailover) {
  TempHome home;
  CommandResult up = run_rrt({"lab", "up", "sentinel", "--name", "sk"}, home.path());
  ASSERT_EQ(up.exit_code, 0) << up.err;
  int sentinel_port = port_after(up.out, "URL_S=redis://127.0.0.1:");
  int master_port = port_after(up.out, "URL_M=redis://127.0.0.1:");
  ASSERT_GT(sentinel_port, 0) << up.out;

  // Only nodes of an rrt lab: the sentinel's master is not a node of a lab named "other".
  CommandResult refused = run_rrt({"sentinel", "kill", "--lab", "other", "--sentinel",
                                   "redis://127.0.0.1:" + std::to_string(sentinel_port)},
                                  home.path());
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_THAT(refused.err, HasSubstr("only kills nodes of an rrt lab"));

  CommandResult kill =
      run_rrt({"sentinel", "kill", "--lab", "sk", "--timeout", "20"}, home.path(), 40);
  EXPECT_EQ(kill.exit_code, 0) << kill.out << kill.err;
  EXPECT_THAT(kill.out, HasSubstr(fmt::format("killed redis-1 (127.0.0.1:{}", master_port)));
  EXPECT_THAT(kill.out, HasSubstr("+sdown"));
  EXPECT_THAT(kill.out, HasSubstr("+switch-master"));
  EXPECT_THAT(kill.out, HasSubstr("new master 127.0.0.1:"));

  EXPECT_EQ(run_rrt({"lab", "down", "--name", "sk"}, home.path()).exit_code, 0);
  EXPECT_THAT(wait_no_processes_under(home.path(), 5), IsEmpty());
}

}  // namespace
}  // namespace rrt
