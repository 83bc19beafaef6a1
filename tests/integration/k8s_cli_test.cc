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

// `rrt run --target k8s://CONTEXT/NAMESPACE/RELEASE` runs the scenario inside the cluster as the
// Job `rrt k8s run` makes: `rrt run --target k8s://NAMESPACE/RELEASE --in-cluster` (faults through
// kubectl, with its own ServiceAccount and Role), and brings its run directory back (the fake
// plays back a recorded in-cluster run whose verdict is fail).
TEST(K8sCli, RunWithAK8sTargetRunsTheScenarioAsAJobAndFetchesItsRunDirectory) {
  FakeCluster cluster({.start_redis = false});
  cluster.prepare_job();
  testing::TempHome home;
  std::string runs = home.path() + "/runs";
  auto r = testing::run_rrt({"run", "sentinel-manual-failover", "--target",
                             "k8s://kind-rrt-test/ns/redis", "--allow-faults", "--runs-dir", runs},
                            home.path());
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_THAT(r.out, StartsWith("kube context kind-rrt-test, namespace ns\n"));
  EXPECT_THAT(r.out, HasSubstr("| verdict: fail"));
  EXPECT_TRUE(std::filesystem::exists(
      runs + "/sentinel-manual-failover/20261204-174529-242/history.jsonl"));
  std::string calls = cluster.calls_text();  // with the global flags and the manifests
  EXPECT_THAT(calls, HasSubstr("--context kind-rrt-test -n ns"));
  EXPECT_THAT(calls, HasSubstr(R"("--target","k8s://ns/redis")"));  // no kube context in the pod
  EXPECT_THAT(calls, HasSubstr(R"("--in-cluster","--allow-faults")"));
  EXPECT_THAT(calls, HasSubstr(R"("resources":["pods"],"verbs":["delete"])"));
  EXPECT_THAT(calls, HasSubstr(R"("automountServiceAccountToken":true)"));
  EXPECT_THAT(calls, HasSubstr("delete job"));
}

// What the Job cannot carry is refused before kubectl is called, and a password is never echoed.
TEST(K8sCli, RunWithAK8sTargetRefusesWhatTheJobCannotCarry) {
  FakeCluster cluster({.start_redis = false});
  testing::TempHome home;
  struct Case {
    std::vector<std::string> args;
    const char* says;
  };
  for (const Case& c : std::vector<Case>{
           {{"run", "sentinel-manual-failover", "--target", "k8s://ns/redis", "--duration", "5s"},
            "--duration"},
           {{"run", "my.yaml", "--target", "k8s://ns/redis"}, "shipped in the rrt image"},
           {{"run", "sentinel-manual-failover", "--target", "k8s://ns"}, "k8s://[CONTEXT/]"},
           {{"run", "sentinel-manual-failover", "--target", "k8s://:hunter2@ns/redis"},
            "no user or password"}}) {
    auto r = testing::run_rrt(c.args, home.path());
    EXPECT_EQ(r.exit_code, 2) << c.args[3] << r.out << r.err;
    EXPECT_THAT(r.err, HasSubstr(c.says));
    EXPECT_THAT(r.out + r.err, Not(HasSubstr("hunter2")));
  }
  EXPECT_TRUE(cluster.calls().empty());
}

// Inside the cluster (what the Job runs), a fault the release cannot take is refused before the
// run starts: only reads of the release, no change, no run directory.
TEST(K8sCli, InClusterRunRefusesAFaultTheReleaseCannotTake) {
  FakeCluster cluster({.debug_command = "no", .start_redis = false});
  testing::TempHome home;
  std::string runs = home.path() + "/runs";
  auto r = testing::run_rrt({"run", "sentinel-pause-master", "--target", "k8s://ns/redis",
                             "--in-cluster", "--allow-faults", "--runs-dir", runs},
                            home.path());
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr("fault 'pause' at 2s cannot run on k8s://ns/redis"));
  EXPECT_THAT(r.err, HasSubstr("enable-debug-command local"));
  for (const auto& call : cluster.calls()) EXPECT_THAT(call, StartsWith("get ")) << call;
  EXPECT_FALSE(std::filesystem::exists(runs));
}

}  // namespace
}  // namespace rrt
