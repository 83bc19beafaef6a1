// Persistence and proxy-sharded topologies on real processes: a master without persistence
// restarted at once wipes its replicas; an AOF with appendfsync always keeps every acknowledged
// write through kill -9; twemproxy serves traffic and a dead shard fails only its own keys.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "resp/sync_client.h"
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

// Runs a scenario and returns results.json (null if the run did not get that far).
nlohmann::json run_scenario(std::vector<std::string> args, const TempHome& home,
                            CommandResult* command) {
  rrt::testing::ScenarioRun run = rrt::testing::run_scenario_cli(std::move(args), home.path());
  *command = run.command;
  return run.dir.empty() ? nlohmann::json() : run.results;
}

using rrt::testing::check_named;

TEST(PersistenceScenario, NoPersistenceAutoRestartWipesEveryCopy) {
  TempHome home;
  CommandResult command;
  nlohmann::json results = run_scenario({"persistence-off-auto-restart"}, home, &command);
  ASSERT_TRUE(results.is_object()) << command.out << command.err;
  EXPECT_EQ(command.exit_code, 1) << command.out;  // it fails on purpose: writes were lost
  EXPECT_EQ(check_named(results, "counter")["verdict"], "invalid") << command.out;
  EXPECT_EQ(check_named(results, "set")["verdict"], "invalid") << command.out;
  EXPECT_GT(check_named(results, "set")["lost"].get<int>(), 0) << command.out;
  EXPECT_THAT(wait_no_processes_under(home.path(), 5), IsEmpty());
}

TEST(PersistenceScenario, AofAlwaysKeepsEveryAcknowledgedWriteThroughKill9) {
  TempHome home;
  CommandResult command;
  nlohmann::json results =
      run_scenario({"aof-crash-loss-always", "--duration", "6s"}, home, &command);
  ASSERT_TRUE(results.is_object()) << command.out << command.err;
  EXPECT_EQ(command.exit_code, 0) << command.out;
  EXPECT_EQ(check_named(results, "counter")["verdict"], "valid") << command.out;
  EXPECT_EQ(check_named(results, "set")["verdict"], "valid") << command.out;
  EXPECT_GT(check_named(results, "counter")["acknowledged"].get<int>(), 100);
  EXPECT_THAT(wait_no_processes_under(home.path(), 5), IsEmpty());
}

TEST(TwemproxyLab, ServesThroughNutcrackerAndCleansUp) {
  TempHome home;
  auto up = run_rrt({"lab", "up", "proxy", "--masters", "2", "--name", "p1"}, home.path());
  ASSERT_EQ(up.exit_code, 0) << up.err;
  size_t at = up.out.find("URL_P=redis://127.0.0.1:");
  ASSERT_NE(at, std::string::npos) << up.out;
  int port = std::stoi(up.out.substr(at + 24));
  SyncClient c;
  c.must_connect({"127.0.0.1", port});
  for (int i = 0; i < 20; ++i) c.must_call({"SET", "k" + std::to_string(i), std::to_string(i)});
  EXPECT_EQ(c.must_call({"GET", "k7"}).str(), "7");
  // The keys are spread over both masters.
  auto status = run_rrt({"lab", "status", "--name", "p1", "-o", "json"}, home.path());
  auto rows = nlohmann::json::parse(status.out);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[2]["role"], "proxy");
  for (int i = 0; i < 2; ++i) {
    std::string address = rows[i]["address"];
    SyncClient m;
    m.must_connect({"127.0.0.1", std::stoi(address.substr(address.rfind(':') + 1))});
    EXPECT_GT(m.must_call({"DBSIZE"}).integer(), 0) << address;
  }
  EXPECT_EQ(run_rrt({"lab", "down", "--name", "p1"}, home.path()).exit_code, 0);
  EXPECT_THAT(wait_no_processes_under(home.path(), 5), IsEmpty());
}

TEST(ProxyScenario, ADeadShardFailsItsKeysOnly) {
  TempHome home;
  CommandResult command;
  nlohmann::json results = run_scenario({"proxy-shard-down", "--duration", "7s"}, home, &command);
  ASSERT_TRUE(results.is_object()) << command.out << command.err;
  const auto& increments = results["workloads"][0]["increments"];
  EXPECT_GT(increments["fail"].get<int>() + increments["info"].get<int>(), 0) << increments;
  EXPECT_GT(increments["ok"].get<int>(), 1000) << increments;  // the other shards kept serving
  EXPECT_THAT(wait_no_processes_under(home.path(), 5), IsEmpty());
}

}  // namespace
}  // namespace rrt
