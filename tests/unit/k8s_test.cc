// The Kubernetes backend without a cluster (none can run here): discovery from kubectl JSON
// written in the shape of the Bitnami chart's pods (tests/data/k8s/README.md), fault plans, the
// executor's undo order through a fake kubectl that records its arguments, and the manifests.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "base/errors.h"
#include "k8s/fault_planner.h"
#include "k8s/k8s_pods.h"
#include "k8s/manifests.h"
#include "k8s/plan_executor.h"

namespace rrt {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

fs::path data_dir() {
  return fs::absolute(fs::path(__FILE__).parent_path().parent_path() / "data" / "k8s");
}

K8sRelease load(const std::string& file, const std::string& release) {
  std::ifstream in(data_dir() / file);
  return describe_release(parse_pods(nlohmann::json::parse(in), release, file), release, "shop");
}

std::string joined(const KubectlCall& c) {
  std::string s;
  for (const auto& a : c.args) s += (s.empty() ? "" : " ") + a;
  return s;
}

// A plan input for `verb` on `pod`; `seconds`, `run_id` and `chaos_mesh` as given.
PlanInput input(const std::string& verb, const std::string& pod, int seconds = 10,
                const std::string& run_id = "rrt", bool chaos_mesh = false) {
  PlanInput in;
  in.verb = verb;
  in.pod = pod;
  in.seconds = seconds;
  in.run_id = run_id;
  in.chaos_mesh = chaos_mesh;
  return in;
}

PlanInput scale(const std::string& statefulset, int replicas, int current) {
  PlanInput in;
  in.verb = "scale";
  in.statefulset = statefulset;
  in.replicas = replicas;
  in.current_replicas = current;
  return in;
}

TEST(K8sPods, SentinelRelease) {
  K8sRelease r = load("pods-sentinel.json", "shop");
  EXPECT_EQ(r.architecture, "sentinel");
  EXPECT_EQ(r.ns, "shop");
  EXPECT_EQ(r.headless, "shop-redis-headless");
  ASSERT_EQ(r.pods.size(), 3u);
  EXPECT_TRUE(r.pods[0].has_sentinel);
  EXPECT_EQ(r.pods[0].statefulset, "shop-redis-node");
  EXPECT_TRUE(r.pods[0].ready);
  EXPECT_FALSE(r.pods[2].ready);
  EXPECT_EQ(r.suggested_target(), "sentinel://shop-redis.shop.svc.cluster.local:26379/mymaster");
}

TEST(K8sPods, ReplicationReleaseIgnoresOtherPods) {
  K8sRelease r = load("pods-replication.json", "cache");
  EXPECT_EQ(r.architecture, "replication");
  ASSERT_EQ(r.pods.size(), 3u);  // not the web pod
  EXPECT_EQ(r.pods[0].component, "master");
  EXPECT_THROW(load("pods-replication.json", "nope"), UsageError);
}

TEST(K8sPods, SentinelHostsMapToPods) {
  K8sRelease r = load("pods-sentinel.json", "shop");
  const K8sPod* p =
      pod_for_host(r.pods, "shop-redis-node-1.shop-redis-headless.shop.svc.cluster.local");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->name, "shop-redis-node-1");
  ASSERT_NE(pod_for_host(r.pods, "10.244.1.12"), nullptr);
  EXPECT_EQ(pod_for_host(r.pods, "10.244.1.12")->name, "shop-redis-node-0");
  EXPECT_EQ(pod_for_host(r.pods, ""), nullptr);  // node-2 is pending: it has no IP
  EXPECT_EQ(pod_for_host(r.pods, "shop-redis-node-1.other-svc.elsewhere.svc.cluster.local"),
            nullptr);
}

TEST(K8sPods, NotAPodListNamesTheSource) {
  try {
    parse_pods(nlohmann::json::array(), "shop", "pods.json");
    FAIL();
  } catch (const UsageError& e) {
    EXPECT_THAT(e.what(), HasSubstr("pods.json"));
  }
}

TEST(FaultPlanner, KillDeletesThePodAtOnceWithNothingToUndo) {
  K8sRelease r = load("pods-sentinel.json", "shop");
  FaultPlan p = plan_fault(r, input("kill", "shop-redis-node-0"));
  ASSERT_EQ(p.apply.size(), 1u);
  EXPECT_EQ(joined(p.apply[0]),
            "delete pod shop-redis-node-0 --grace-period=0 --force --wait=false");
  EXPECT_TRUE(p.undo.empty());
}

TEST(FaultPlanner, ClientPauseUsesThePodsOwnPassword) {
  K8sRelease r = load("pods-sentinel.json", "shop");
  FaultPlan p = plan_fault(r, input("client-pause", "shop-redis-node-1", 15));
  ASSERT_EQ(p.apply.size(), 1u);
  EXPECT_THAT(joined(p.apply[0]), HasSubstr("exec shop-redis-node-1 -c redis -- sh -c"));
  EXPECT_THAT(
      joined(p.apply[0]),
      HasSubstr("REDISCLI_AUTH=\"$REDIS_PASSWORD\" redis-cli -p 6379 CLIENT PAUSE 15000 ALL"));
  EXPECT_TRUE(p.undo.empty());  // Redis would hold CLIENT UNPAUSE too: it ends by itself
}

TEST(FaultPlanner, PartitionWithoutChaosMeshIsANetworkPolicy) {
  K8sRelease r = load("pods-sentinel.json", "shop");
  FaultPlan p = plan_fault(r, input("partition", "shop-redis-node-0", 10, "ab12"));
  ASSERT_EQ(p.apply.size(), 1u);
  EXPECT_EQ(joined(p.apply[0]), "apply -f -");
  EXPECT_THAT(p.apply[0].input, HasSubstr("kind: NetworkPolicy"));
  EXPECT_THAT(p.apply[0].input, HasSubstr("statefulset.kubernetes.io/pod-name: shop-redis-node-0"));
  EXPECT_THAT(p.apply[0].input, HasSubstr("policyTypes: [Ingress, Egress]"));
  ASSERT_EQ(p.undo.size(), 1u);
  EXPECT_EQ(joined(p.undo[0]),
            "delete networkpolicy rrt-ab12-isolate-shop-redis-node-0 --ignore-not-found");
  ASSERT_EQ(p.notes.size(), 1u);
  EXPECT_THAT(p.notes[0], HasSubstr("Chaos Mesh is not installed"));
}

TEST(FaultPlanner, PartitionWithChaosMeshIsANetworkChaos) {
  K8sRelease r = load("pods-sentinel.json", "shop");
  FaultPlan p = plan_fault(r, input("partition", "shop-redis-node-2", 10, "x", true));
  EXPECT_THAT(p.apply[0].input, HasSubstr("kind: NetworkChaos"));
  EXPECT_THAT(p.apply[0].input, HasSubstr("action: partition"));
  EXPECT_THAT(p.apply[0].input, HasSubstr("shop: [shop-redis-node-2]"));
  EXPECT_EQ(joined(p.undo[0]),
            "delete networkchaos rrt-x-isolate-shop-redis-node-2 --ignore-not-found");
  EXPECT_TRUE(p.notes.empty());
}

TEST(FaultPlanner, ScaleIsUndoneToTheCountBefore) {
  K8sRelease r = load("pods-replication.json", "cache");
  FaultPlan p = plan_fault(r, scale("cache-redis-replicas", 0, 2));
  EXPECT_EQ(joined(p.apply[0]), "scale statefulset/cache-redis-replicas --replicas=0");
  EXPECT_EQ(joined(p.undo[0]), "scale statefulset/cache-redis-replicas --replicas=2");
}

TEST(FaultPlanner, BadInputIsNamed) {
  K8sRelease r = load("pods-sentinel.json", "shop");
  auto error = [&](PlanInput in) -> std::string {
    try {
      plan_fault(r, in);
    } catch (const UsageError& e) {
      return e.what();
    }
    return "";
  };
  EXPECT_THAT(error(input("explode", "shop-redis-node-0")),
              HasSubstr("expected one of kill, client-pause"));
  EXPECT_THAT(error(input("kill", "shop-redis-node-9")),
              AllOf(HasSubstr("no pod 'shop-redis-node-9'"), HasSubstr("shop-redis-node-0")));
  EXPECT_THAT(error(scale("nope", 1, 2)), HasSubstr("no StatefulSet 'nope'"));
}

// The fake kubectl records one line per call; stdin (manifests) follows a "<<" line.
std::vector<std::string> calls_in(const std::string& log) {
  std::ifstream in(log);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("-n shop ", 0) == 0) out.push_back(line.substr(8));
  }
  return out;
}

TEST(PlanExecutor, UndoesNewestFirstThroughTheFakeKubectl) {
  std::string log = ::testing::TempDir() + "/fake-kubectl.log";
  fs::remove(log);
  setenv("FAKE_KUBECTL_LOG", log.c_str(), 1);
  K8sRelease r = load("pods-sentinel.json", "shop");
  KubectlOptions o;
  o.binary = (data_dir() / "fake-kubectl").string();
  o.ns = "shop";
  o.timeout_s = 10;
  {
    PlanExecutor ex(o);
    ex.apply(plan_fault(r, input("partition", "shop-redis-node-1", 10, "t")));
    ex.apply(plan_fault(r, scale("shop-redis-node", 2, 3)));
    ex.apply(plan_fault(r, input("kill", "shop-redis-node-2")));
  }  // the destructor undoes, as after an error or Ctrl-C
  std::vector<std::string> calls = calls_in(log);
  ASSERT_EQ(calls.size(), 5u);
  EXPECT_EQ(calls[0], "apply -f -");
  EXPECT_EQ(calls[1], "scale statefulset/shop-redis-node --replicas=2");
  EXPECT_EQ(calls[2], "delete pod shop-redis-node-2 --grace-period=0 --force --wait=false");
  EXPECT_EQ(calls[3], "scale statefulset/shop-redis-node --replicas=3");  // newest first
  EXPECT_EQ(calls[4], "delete networkpolicy rrt-t-isolate-shop-redis-node-1 --ignore-not-found");
  std::ifstream in(log);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_THAT(text.str(), HasSubstr("kind: NetworkPolicy"));  // the manifest went to stdin
  unsetenv("FAKE_KUBECTL_LOG");
}

TEST(PlanExecutor, AFailedApplyStillUndoesWhatCameBefore) {
  std::string log = ::testing::TempDir() + "/fake-kubectl-fail.log";
  fs::remove(log);
  setenv("FAKE_KUBECTL_LOG", log.c_str(), 1);
  K8sRelease r = load("pods-sentinel.json", "shop");
  KubectlOptions o;
  o.binary = (data_dir() / "fake-kubectl").string();
  o.ns = "shop";
  PlanExecutor ex(o);
  ex.apply(plan_fault(r, input("partition", "shop-redis-node-0", 10, "f")));
  setenv("FAKE_KUBECTL_EXIT", "1", 1);
  EXPECT_THROW(ex.apply(plan_fault(r, input("kill", "shop-redis-node-1"))), EnvironmentError);
  unsetenv("FAKE_KUBECTL_EXIT");
  EXPECT_EQ(ex.undo_all(), 0);
  std::vector<std::string> calls = calls_in(log);
  ASSERT_EQ(calls.size(), 3u);
  EXPECT_EQ(calls[2], "delete networkpolicy rrt-f-isolate-shop-redis-node-0 --ignore-not-found");
  unsetenv("FAKE_KUBECTL_LOG");
}

TEST(Manifests, SentinelValues) {
  ValuesOptions o;
  o.quorum = 2;
  o.down_after_ms = 3000;
  std::string v = helm_values(o);
  EXPECT_THAT(v, HasSubstr("architecture: replication"));
  EXPECT_THAT(v, HasSubstr("sentinel:\n  enabled: true"));
  EXPECT_THAT(v, HasSubstr("quorum: 2"));
  EXPECT_THAT(v, HasSubstr("downAfterMilliseconds: 3000"));
  EXPECT_THAT(v, HasSubstr("persistence:\n    enabled: false"));
  o.exercise = "replication";
  EXPECT_THAT(helm_values(o), HasSubstr("sentinel:\n  enabled: false"));
  o.exercise = "cluster";
  EXPECT_THROW(helm_values(o), UsageError);
}

TEST(Manifests, JobRunsRrtWithThePasswordFromTheSecretOnly) {
  JobOptions o;
  o.release = "shop";
  o.ns = "shop";
  o.allow_faults = true;
  std::string m = job_manifest(o);
  EXPECT_THAT(m, HasSubstr("kind: Job"));
  EXPECT_THAT(m, HasSubstr("kind: Role"));
  EXPECT_THAT(m, HasSubstr("resources: [pods/exec]"));
  EXPECT_THAT(m, HasSubstr("serviceAccountName: rrt-shop"));
  EXPECT_THAT(m, HasSubstr("\"sentinel://shop-redis.shop.svc.cluster.local:26379/mymaster\""));
  EXPECT_THAT(m, HasSubstr("--allow-faults"));
  EXPECT_THAT(m, HasSubstr("secretKeyRef: {name: shop-redis, key: redis-password}"));
  EXPECT_THAT(m, Not(HasSubstr("--password")));
  o.release = "";
  EXPECT_THROW(job_manifest(o), UsageError);
}

}  // namespace
}  // namespace rrt
