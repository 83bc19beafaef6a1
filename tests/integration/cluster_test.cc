// Redis Cluster on real processes: the lab comes up healthy and agreeing, the cluster client
// follows -ASK and -MOVED during a real slot migration, and the cluster scenarios measure a
// kill and a manual failover. Every test leaves no process behind.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <asio/co_spawn.hpp>
#include <asio/io_context.hpp>
#include <asio/use_future.hpp>
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cluster/cluster_client.h"
#include "cluster/key_slot.h"
#include "lab/lab.h"
#include "resp/sync_client.h"
#include "scenario_run.h"
#include "test_support.h"

namespace rrt {
namespace {

using rrt::testing::run_rrt;
using rrt::testing::TempHome;
using rrt::testing::wait_no_processes_under;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

TEST(ClusterLab, UpStatusEnvDown) {
  TempHome home;
  auto begin = std::chrono::steady_clock::now();
  auto up = run_rrt(
      {"lab", "up", "cluster", "--masters", "3", "--node-timeout-ms", "1500", "--name", "c1"},
      home.path());
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_LT(seconds, 20);
  EXPECT_THAT(up.out, HasSubstr("export URL_C=redis://127.0.0.1:"));
  auto status = run_rrt({"lab", "status", "--name", "c1", "-o", "json"}, home.path());
  ASSERT_EQ(status.exit_code, 0) << status.err;
  auto rows = nlohmann::json::parse(status.out);
  ASSERT_EQ(rows.size(), 6u);  // 3 masters, 1 replica each by default
  int with_slots = 0;
  for (const auto& row : rows) {
    if (row["role"] == "master") {
      EXPECT_FALSE(row.value("slots", "").empty()) << row;
      ++with_slots;
    } else {
      EXPECT_EQ(row["role"], "replica") << row;
      EXPECT_THAT(row.value("replica_of", ""), HasSubstr("redis-")) << row;
    }
  }
  EXPECT_EQ(with_slots, 3);
  EXPECT_EQ(rows[0]["slots"], "0-5460");
  EXPECT_EQ(rows[3]["replica_of"], "redis-1");
  // Every node agrees the cluster is fine.
  for (const auto& row : rows) {
    SyncClient c;
    std::string address = row["address"];
    c.must_connect({"127.0.0.1", std::stoi(address.substr(address.rfind(':') + 1))});
    EXPECT_EQ(info_field(c.must_call({"CLUSTER", "INFO"}).str(), "cluster_state"), "ok");
  }
  EXPECT_EQ(run_rrt({"lab", "down", "--name", "c1"}, home.path()).exit_code, 0);
  EXPECT_THAT(wait_no_processes_under(home.path(), 5), IsEmpty());
}

// Runs `op` on a private event loop and waits for its result.
CallResult run_on_loop(asio::io_context& io, asio::awaitable<CallResult> op) {
  auto f = asio::co_spawn(io, std::move(op), asio::use_future);
  io.restart();
  io.run();
  return f.get();
}

// A key (tagged, so it is easy to find) whose slot is served by `port`, and its slot.
std::string key_on(const SlotMap& map, int port, int skip = 0) {
  for (int i = 0;; ++i) {
    std::string key = fmt::format("mig:{}", i);
    if (map.owner(key_slot(key))->port == port && skip-- == 0) return key;
  }
}

// Points RRT_HOME at `home` for an in-process lab; restores the old value when it goes.
class HomeEnv {
 public:
  explicit HomeEnv(const std::string& home) {
    if (const char* old = getenv("RRT_HOME")) old_ = old;
    setenv("RRT_HOME", home.c_str(), 1);
  }
  ~HomeEnv() {
    if (old_.empty()) {
      unsetenv("RRT_HOME");
    } else {
      setenv("RRT_HOME", old_.c_str(), 1);
    }
  }

 private:
  std::string old_;
};

TEST(ClusterClient, FollowsAskAndMovedDuringASlotMigration) {
  TempHome home;
  HomeEnv env(home.path());
  LabSpec spec;
  spec.kind = TopologyKind::kCluster;
  spec.name = "mig";
  spec.masters = 2;
  spec.replicas = 0;
  Lab lab(spec);
  lab.start();
  const Endpoint a = lab.node("redis-1").info.endpoint, b = lab.node("redis-2").info.endpoint;
  asio::io_context io;
  ClusterClient client(io.get_executor(), {a, b}, ConnectOptions{});
  ASSERT_TRUE(run_on_loop(io, client.ensure(kSeconds)).ok());
  std::string moving = key_on(client.slot_map(), a.port);
  int slot = key_slot(moving);
  ASSERT_TRUE(run_on_loop(io, client.call({"SET", moving, "before"}, kSeconds)).ok());

  // Slot `slot` migrates from a to b: b imports it, a migrates it.
  SyncClient ca, cb;
  ca.must_connect(a);
  cb.must_connect(b);
  std::string id_a(ca.must_call({"CLUSTER", "MYID"}).str()),
      id_b(cb.must_call({"CLUSTER", "MYID"}).str());
  cb.must_call({"CLUSTER", "SETSLOT", std::to_string(slot), "IMPORTING", id_a});
  ca.must_call({"CLUSTER", "SETSLOT", std::to_string(slot), "MIGRATING", id_b});
  // A key of that slot that a does not have: a answers -ASK, and the client asks b.
  std::string fresh = "{" + moving + "}.new";
  CallResult r = run_on_loop(io, client.call({"SET", fresh, "x"}, kSeconds));
  ASSERT_TRUE(r.ok()) << r.detail;
  EXPECT_EQ(client.last_node(), b.to_string());
  EXPECT_EQ(client.redirects(), 1);
  // The existing key is still served by a.
  r = run_on_loop(io, client.call({"GET", moving}, kSeconds));
  ASSERT_TRUE(r.ok()) << r.detail;
  EXPECT_EQ(r.reply.str(), "before");
  EXPECT_EQ(client.last_node(), a.to_string());

  // Finish the migration; the client's map still says a: it must follow -MOVED.
  ca.must_call({"MIGRATE", b.host, std::to_string(b.port), moving, "0", "2000"});
  for (const auto& c : {&ca, &cb}) {
    c->must_call({"CLUSTER", "SETSLOT", std::to_string(slot), "NODE", id_b});
  }
  r = run_on_loop(io, client.call({"GET", moving}, kSeconds));
  ASSERT_TRUE(r.ok()) << r.detail;
  EXPECT_EQ(r.reply.str(), "before");
  EXPECT_EQ(client.last_node(), b.to_string());
  EXPECT_EQ(client.redirects(), 2);
  EXPECT_EQ(client.node_for(moving), b.to_string());  // the MOVED updated the slot at once
  // The reload after MOVED sees the whole new map: no redirect for the next command.
  ASSERT_TRUE(run_on_loop(io, client.ensure(kSeconds)).ok());
  ASSERT_TRUE(run_on_loop(io, client.call({"GET", fresh}, kSeconds)).ok());
  EXPECT_EQ(client.redirects(), 2);
  // Keys of two slots in one command: a definite failure, not a redirect.
  std::string other = key_on(client.slot_map(), a.port, 1);
  r = run_on_loop(io, client.call({"MSET", other, "1", moving, "2"}, kSeconds));
  EXPECT_EQ(r.outcome, Outcome::kFail);
  EXPECT_EQ(r.error, "CROSSSLOT");
  lab.stop();
  EXPECT_THAT(wait_no_processes_under(home.path(), 5), IsEmpty());
}

// Runs a shipped scenario and returns results.json (null if the run did not get that far).
nlohmann::json run_shipped(const std::string& name, const TempHome& home,
                           rrt::testing::CommandResult* command) {
  rrt::testing::ScenarioRun run = rrt::testing::run_scenario_cli({name}, home.path());
  *command = run.command;
  return run.dir.empty() ? nlohmann::json() : run.results;
}

using rrt::testing::check_named;

TEST(ClusterScenario, KillMasterPromotesItsReplica) {
  TempHome home;
  rrt::testing::CommandResult command;
  nlohmann::json results = run_shipped("cluster-kill-master", home, &command);
  ASSERT_TRUE(results.is_object()) << command.out << command.err;
  nlohmann::json check = check_named(results, "cluster-failover");
  ASSERT_TRUE(check.is_object()) << results.dump(2);
  EXPECT_EQ(check["verdict"], "valid") << command.out;
  const auto& failover = results["cluster_failover"][0];
  EXPECT_EQ(failover["old_master"], "redis-1");
  EXPECT_EQ(failover["new_master"], "redis-4");
  // Detection takes at least cluster-node-timeout (2000 ms), promotion follows FAIL.
  EXPECT_GE(failover["phases"]["pfail"].get<int>(), 1900) << failover.dump(2);
  EXPECT_GE(failover["phases"]["promoted"].get<int>(), failover["phases"]["fail"].get<int>());
  EXPECT_LT(failover["phases"]["promoted"].get<int>(), 7000);
  EXPECT_TRUE(failover["phases"].contains("old_master_replica")) << failover.dump(2);
  for (const auto& shard : failover["shards"]) EXPECT_TRUE(shard["recovered"]) << shard;
  EXPECT_THAT(wait_no_processes_under(home.path(), 5), IsEmpty());
}

TEST(ClusterScenario, ManualFailoverIsQuickAndLosesNothing) {
  TempHome home;
  rrt::testing::CommandResult command;
  nlohmann::json results = run_shipped("cluster-manual-failover", home, &command);
  ASSERT_TRUE(results.is_object()) << command.out << command.err;
  EXPECT_EQ(command.exit_code, 0) << command.out;
  const auto& failover = results["cluster_failover"][0];
  EXPECT_EQ(failover["new_master"], "redis-4") << failover.dump(2);
  EXPECT_LT(failover["phases"]["promoted"].get<int>(), 2000) << failover.dump(2);
  EXPECT_EQ(check_named(results, "counter")["verdict"], "valid");
  EXPECT_THAT(wait_no_processes_under(home.path(), 5), IsEmpty());
}

}  // namespace
}  // namespace rrt
