// `rrt k8s fault` as a user runs it: consent first, the kube context and namespace before
// anything changes, and an undo on SIGHUP. No Kubernetes API can run here: the fake kubectl
// (tests/data/k8s/README.md) stands for it, with real redis-servers behind the pods.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "../unit/k8s_fake_cluster.h"
#include "test_support.h"

namespace rrt {
namespace {

using k8s_test::FakeCluster;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

TEST(K8sCli, FaultNeedsConsentAndChangesNothingWithout) {
  FakeCluster cluster({.start_redis = false});
  testing::TempHome home;
  auto r = testing::run_rrt(
      {"k8s", "fault", "kill", "--release", "redis", "-n", "ns", "--pod", "redis-node-0"},
      home.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--allow-faults"));
  EXPECT_TRUE(cluster.calls().empty());
}

TEST(K8sCli, FaultSaysWhereItActsThenAppliesConfirmsAndUndoes) {
  FakeCluster cluster;
  testing::TempHome home;
  auto r = testing::run_rrt({"k8s", "fault", "client-pause", "--release", "redis", "--pod",
                             "redis-node-1", "--for", "3s", "--allow-faults"},
                            home.path());
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, StartsWith("kube context kind-rrt-test, namespace ns\n"));
  EXPECT_THAT(r.out, HasSubstr("applied: client-pause redis-node-1"));
  EXPECT_THAT(r.out, HasSubstr("undone: client-pause redis-node-1"));
  EXPECT_THAT(r.out, ::testing::Not(HasSubstr(FakeCluster::kPassword)));
}

// --dry-run needs no consent, shows the object the fault would create, and creates nothing;
// next to the chart's own NetworkPolicy without Chaos Mesh the partition is refused (exit 2).
TEST(K8sCli, DryRunShowsTheManifestAndRefusalNamesTheChartsPolicy) {
  testing::TempHome home;
  {
    FakeCluster cluster({.chaos_mesh = true, .start_redis = false});
    auto r = testing::run_rrt({"k8s", "fault", "partition", "--release", "redis", "-n", "ns",
                               "--pod", "redis-node-0", "--dry-run"},
                              home.path());
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_THAT(r.out, HasSubstr("\"kind\": \"NetworkChaos\""));
    EXPECT_THAT(r.out, HasSubstr("\"duration\": \"70s\""));
    for (const auto& call : cluster.calls()) EXPECT_THAT(call, Not(StartsWith("create")));
  }
  FakeCluster cluster({.chart_policy = true, .start_redis = false});
  auto r = testing::run_rrt({"k8s", "fault", "partition", "--release", "redis", "-n", "ns", "--pod",
                             "redis-node-0", "--allow-faults"},
                            home.path());
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_THAT(r.err, AllOf(HasSubstr("NetworkPolicy redis already selects redis-node-0"),
                           HasSubstr("networkPolicy.enabled=false")));
  for (const auto& call : cluster.calls()) EXPECT_THAT(call, Not(StartsWith("create")));
}

TEST(K8sCli, SighupDuringTheHoldUndoesAtOnce) {
  FakeCluster cluster({.chaos_mesh = true});
  testing::TempHome home;
  int pid = testing::start_rrt({"k8s", "fault", "partition", "--release", "redis", "--pod",
                                "redis-node-2", "--for", "300s", "--allow-faults"},
                               home.path());
  std::string out;
  for (int i = 0; i < 600 && out.find("holding for") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::ifstream in(home.path() + "/bg.out");
    std::stringstream s;
    s << in.rdbuf();
    out = s.str();
  }
  ASSERT_THAT(out, HasSubstr("holding for 300s"));
  EXPECT_FALSE(std::filesystem::is_empty(cluster.state() / "objects" / "networkchaos"));
  kill(pid, SIGHUP);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  std::ifstream in(home.path() + "/bg.out");
  std::stringstream s;
  s << in.rdbuf();
  EXPECT_THAT(s.str(), HasSubstr("signal 1: undoing now"));
  EXPECT_THAT(s.str(), HasSubstr("undone: partition redis-node-2"));
  EXPECT_FALSE(std::filesystem::exists(cluster.state() / "objects" / "networkchaos") &&
               !std::filesystem::is_empty(cluster.state() / "objects" / "networkchaos"));
}

}  // namespace
}  // namespace rrt
