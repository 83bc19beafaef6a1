// Faults applied, confirmed and undone through kubectl. No Kubernetes API can run here: the fake
// kubectl stands for it (tests/data/k8s/README.md), with a real redis-server behind each pod of
// the chart-23.1.1-shaped fixture, so what rrt execs in a pod really pauses a Redis, and the
// confirmations really see it. Each broken case of the old code has a test here that runs the
// old command through the same executor and shows it is not confirmed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/errors.h"
#include "k8s/fault_planner.h"
#include "k8s/k8s_release.h"
#include "k8s/network_policies.h"
#include "k8s/plan_executor.h"
#include "k8s/pod_redis_cli.h"
#include "k8s_fake_cluster.h"

namespace rrt {
namespace {

using k8s_test::FakeCluster;
using k8s_test::FakeClusterOptions;
using k8s_test::sleeper;
using ::testing::Contains;
using ::testing::HasSubstr;

struct Fixture {
  explicit Fixture(FakeClusterOptions o = {}) : cluster(std::move(o)) {
    release = discover_release(cluster.kubectl(), "redis");
  }
  FaultPlan plan(const std::string& verb, const std::string& pod, int seconds = 3) {
    PlanInput in;
    in.verb = verb;
    in.pod = pod;
    in.seconds = seconds;
    in.run_id = "t";
    in.answer_ms = 500;
    in.now_unix_s = wall_ns() / kSeconds;
    in.facts = gather_facts(cluster.kubectl(), release, in);
    return plan_fault(release, in);
  }
  FakeCluster cluster;
  K8sRelease release;
};

std::string joined(const std::vector<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) s += l + "\n";
  return s;
}

TEST(K8sFaultRun, ClientPauseIsConfirmedAndEndsByItself) {
  Fixture f;
  FaultPlan plan = f.plan("client-pause", "redis-node-1", 3);
  PlanExecutor ex(f.cluster.kubectl(), sleeper());
  int id = ex.apply(plan);
  EXPECT_FALSE(f.cluster.answers(1));  // really paused, seen from outside the fake
  EXPECT_TRUE(f.cluster.answers(0));   // and only that pod
  EXPECT_TRUE(ex.undo(id));
  EXPECT_TRUE(f.cluster.answers(1));
  std::string log = joined(ex.log());
  EXPECT_THAT(log, HasSubstr("confirmed: redis-node-1 stops answering PING"));
  EXPECT_THAT(log, HasSubstr("confirmed: redis-node-1 answers PING again"));
  EXPECT_THAT(log, HasSubstr("undone: client-pause redis-node-1"));
}

// The old client-pause: $REDIS_PASSWORD (the pods have only REDIS_PASSWORD_FILE), no -e.
TEST(K8sFaultRun, OldClientPauseCommandIsNotConfirmed) {
  Fixture f;
  FaultPlan plan = f.plan("client-pause", "redis-node-1", 3);
  plan.apply[0].call.args.back() = "REDISCLI_AUTH=\"$REDIS_PASSWORD\" redis-cli -h 127.0.0.1 -p " +
                                   std::to_string(f.cluster.port()) + " CLIENT PAUSE 3000 ALL";
  plan.apply[0].must_print.clear();  // the old code looked at the exit code only
  plan.confirm[0].deadline_s = 2;
  PlanExecutor ex(f.cluster.kubectl(), sleeper());
  try {
    ex.apply(plan);
    FAIL() << "applied";
  } catch (const EnvironmentError& e) {
    EXPECT_THAT(e.what(), HasSubstr("not seen within 2 s: redis-node-1 stops answering PING"));
  }
  EXPECT_TRUE(f.cluster.answers(1));
}

TEST(K8sFaultRun, PauseHoldsTheNodeAndTheUndoWaitsForIt) {
  Fixture f;
  PlanExecutor ex(f.cluster.kubectl(), sleeper());
  Nanos start = mono_ns();
  int id = ex.apply(f.plan("pause", "redis-node-0", 4));
  if (mono_ns() - start < 3 * kSeconds) {
    EXPECT_FALSE(f.cluster.answers(0));  // still within the sleep
  }
  EXPECT_TRUE(ex.undo(id));
  EXPECT_TRUE(f.cluster.answers(0));
}

// The old pause: `nohup REDISCLI_AUTH=... redis-cli ... &` in the pod; exec exited 0.
TEST(K8sFaultRun, OldPauseCommandIsNotConfirmed) {
  Fixture f;
  FaultPlan plan = f.plan("pause", "redis-node-0", 3);
  plan.apply[0].call.args.back() =
      "nohup REDISCLI_AUTH=\"$REDIS_PASSWORD\" redis-cli -h 127.0.0.1 -p " +
      std::to_string(f.cluster.port()) + " DEBUG SLEEP 3 >/dev/null 2>&1 &";
  plan.apply[0].background = false;
  plan.apply[0].must_print.clear();
  plan.confirm[0].deadline_s = 2;
  PlanExecutor ex(f.cluster.kubectl(), sleeper());
  EXPECT_THROW(ex.apply(plan), EnvironmentError);
  EXPECT_TRUE(f.cluster.answers(0));
}

// Redis 7+ refuses DEBUG by default. When the ConfigMap cannot tell (here it is hidden from the
// planner), redis-cli -e turns the refusal into an error: reported, not "applied".
TEST(K8sFaultRun, PauseWithoutDebugIsAnErrorNamingTheSetting) {
  Fixture f({.debug_command = "no"});
  EXPECT_THROW(f.plan("pause", "redis-node-0"), UsageError);  // refused at plan time
  f.release.debug_command = "";
  PlanExecutor ex(f.cluster.kubectl(), sleeper());
  try {
    ex.apply(f.plan("pause", "redis-node-0", 3));
    FAIL() << "applied";
  } catch (const EnvironmentError& e) {
    EXPECT_THAT(e.what(), HasSubstr("enable-debug-command"));
  }
  EXPECT_EQ(ex.undo_all(), 0);
}

TEST(K8sFaultRun, PartitionWithChaosMeshIsConfirmedFromAPeerAndHealed) {
  Fixture f({.chaos_mesh = true, .chart_policy = true});
  PlanExecutor ex(f.cluster.kubectl(), sleeper());
  int id = ex.apply(f.plan("partition", "redis-node-2"));
  EXPECT_TRUE(f.cluster.exists("networkchaos", "rrt-t-cut-redis-node-2"));
  EXPECT_TRUE(ex.undo(id));
  EXPECT_FALSE(f.cluster.exists("networkchaos", "rrt-t-cut-redis-node-2"));
  std::string log = joined(ex.log());
  EXPECT_THAT(log, HasSubstr("confirmed: Chaos Mesh reports rrt-t-cut-redis-node-2 injected"));
  EXPECT_THAT(log, HasSubstr("confirmed: redis-node-0 gets no reply from redis-node-2"));
  EXPECT_THAT(log, HasSubstr("confirmed: redis-node-0 reaches redis-node-2 again"));
  EXPECT_THAT(f.cluster.calls(), Contains("api-resources --api-group=chaos-mesh.org -o name"));
}

TEST(K8sFaultRun, PartitionWithANetworkPolicyWhereItTakesEffect) {
  Fixture f;  // the values rrt writes: no chart policy; a plugin that enforces policies
  PlanExecutor ex(f.cluster.kubectl(), sleeper());
  int id = ex.apply(f.plan("partition", "redis-node-1"));
  EXPECT_TRUE(f.cluster.exists("networkpolicy", "rrt-t-cut-redis-node-1"));
  EXPECT_TRUE(ex.undo(id));
  EXPECT_FALSE(f.cluster.exists("networkpolicy", "rrt-t-cut-redis-node-1"));
}

// A plugin that enforces no NetworkPolicy (minikube's default): the cut is not seen, so the
// fault is an error and the policy is deleted again.
TEST(K8sFaultRun, PartitionThatDoesNotCutIsAnErrorAndUndone) {
  Fixture f({.cni_enforces = false});
  PlanExecutor ex(f.cluster.kubectl(), sleeper());
  FaultPlan plan = f.plan("partition", "redis-node-1");
  plan.confirm[0].deadline_s = 2;
  try {
    ex.apply(plan);
    FAIL() << "applied";
  } catch (const EnvironmentError& e) {
    EXPECT_THAT(e.what(), HasSubstr("redis-node-0 gets no reply from redis-node-1"));
    EXPECT_THAT(e.what(), HasSubstr("(undone)"));
  }
  EXPECT_FALSE(f.cluster.exists("networkpolicy", "rrt-t-cut-redis-node-1"));
}

// The old partition: a deny-all policy next to the chart's own. Refused now (see the plan
// tests); run anyway, the same executor does not confirm it.
TEST(K8sFaultRun, OldDenyAllPolicyNextToTheChartsIsNotConfirmed) {
  Fixture f({.chart_policy = true});
  EXPECT_THROW(f.plan("partition", "redis-node-1"), UsageError);
  FakeCluster& c = f.cluster;
  nlohmann::json deny = {
      {"apiVersion", "networking.k8s.io/v1"},
      {"kind", "NetworkPolicy"},
      {"metadata",
       {{"name", "rrt-old-isolate"}, {"labels", {{"app.kubernetes.io/managed-by", "rrt"}}}}},
      {"spec",
       {{"podSelector",
         {{"matchLabels", {{"statefulset.kubernetes.io/pod-name", "redis-node-1"}}}}},
        {"policyTypes", {"Ingress", "Egress"}},
        {"ingress",
         {{{"from",
            {{{"podSelector",
               {{"matchExpressions",
                 {{{"key", "app.kubernetes.io/instance"},
                   {"operator", "NotIn"},
                   {"values", {"redis"}}}}}}}}}}}}},
        {"egress", nlohmann::json::array()}}}};
  FaultPlan plan;
  plan.verb = "partition";
  plan.target = "redis-node-1";
  plan.apply.push_back({{{"create", "-f", "-"}, deny.dump()}, false, ""});
  K8sPod peer = f.release.pod("redis-node-0");
  plan.confirm.push_back({"redis-node-0 gets no reply from redis-node-1",
                          ping_probe(peer, c.pod_ip(1), c.port(), 500), Probe::kCut, "", 2});
  plan.undo.push_back(
      {{{"delete", "networkpolicy", "rrt-old-isolate", "--ignore-not-found"}, ""}, false, ""});
  PlanExecutor ex(c.kubectl(), sleeper());
  EXPECT_THROW(ex.apply(plan), EnvironmentError);
  EXPECT_FALSE(c.exists("networkpolicy", "rrt-old-isolate"));
}

TEST(K8sFaultRun, KillIsConfirmedByANewPodUid) {
  Fixture f({.start_redis = false});
  std::string before = f.cluster.object("pod", "redis-node-0")["metadata"]["uid"];
  PlanExecutor ex(f.cluster.kubectl(), sleeper());
  ex.apply(f.plan("kill", "redis-node-0"));
  EXPECT_NE(f.cluster.object("pod", "redis-node-0")["metadata"]["uid"], before);
}

TEST(K8sFaultRun, ScaleIsConfirmedAndScaledBack) {
  Fixture f({.start_redis = false});
  PlanInput in;
  in.verb = "scale";
  in.statefulset = "redis-node";
  in.replicas = 2;
  in.facts = gather_facts(f.cluster.kubectl(), f.release, in);
  EXPECT_EQ(in.facts.current_replicas, 3);
  PlanExecutor ex(f.cluster.kubectl(), sleeper());
  int id = ex.apply(plan_fault(f.release, in));
  EXPECT_FALSE(f.cluster.exists("pod", "redis-node-2"));
  EXPECT_TRUE(ex.undo(id));
  EXPECT_TRUE(f.cluster.exists("pod", "redis-node-2"));
  EXPECT_EQ(f.cluster.object("statefulset", "redis-node")["spec"]["replicas"], 3);
}

// Several faults at once are undone newest first: by the destructor too, as after an error or
// an interrupt.
TEST(K8sFaultRun, UndoNewestFirst) {
  Fixture f({.chaos_mesh = true});
  {
    PlanExecutor ex(f.cluster.kubectl(), sleeper());
    ex.apply(f.plan("partition", "redis-node-2", 3));
    ex.apply(f.plan("client-pause", "redis-node-1", 3));
  }
  std::vector<std::string> undos;
  for (const auto& c : f.cluster.calls()) {
    if (c.find("CLIENT") != std::string::npos || c.rfind("delete", 0) == 0) undos.push_back(c);
  }
  ASSERT_EQ(undos.size(), 2u);
  EXPECT_THAT(undos[0], HasSubstr("CLIENT"));  // applied
  EXPECT_EQ(undos[1], "delete networkchaos rrt-t-cut-redis-node-2 --ignore-not-found");
  EXPECT_FALSE(f.cluster.exists("networkchaos", "rrt-t-cut-redis-node-2"));
  EXPECT_TRUE(f.cluster.answers(1));
}

// An interrupt while a fault is being confirmed undoes it and reports it, never "applied".
TEST(K8sFaultRun, InterruptWhileConfirmingUndoes) {
  Fixture f({.cni_enforces = false});
  bool first = true;
  Waiter interrupting = [&](Nanos) {
    bool was = first;
    first = false;
    return was;
  };
  PlanExecutor ex(f.cluster.kubectl(), interrupting);
  EXPECT_THROW(ex.apply(f.plan("partition", "redis-node-1")), EnvironmentError);
  EXPECT_TRUE(ex.interrupted());
  EXPECT_FALSE(f.cluster.exists("networkpolicy", "rrt-t-cut-redis-node-1"));
}

// An rrt killed while a NetworkPolicy held leaves it behind; the next rrt deletes it once its
// rrt.io/expires-at has passed, and leaves a policy still in use and the chart's own alone.
TEST(K8sFaultRun, PoliciesLeftByAKilledRrtAreDeletedOnceExpired) {
  Fixture f({.chart_policy = true, .start_redis = false});
  auto create_as = [&](const std::string& run_id, long long now) {
    PlanInput in;
    in.verb = "partition";
    in.pod = "redis-node-0";
    in.run_id = run_id;
    in.now_unix_s = now;  // facts left empty: planned as if no other policy were there
    must_kubectl(f.cluster.kubectl(), plan_fault(f.release, in).apply.at(0).call);
  };
  long long now = wall_ns() / kSeconds;
  create_as("old", now - 3600);
  create_as("new", now);
  EXPECT_EQ(delete_expired_rrt_policies(f.cluster.kubectl(), now),
            std::vector<std::string>{"rrt-old-cut-redis-node-0"});
  EXPECT_FALSE(f.cluster.exists("networkpolicy", "rrt-old-cut-redis-node-0"));
  EXPECT_TRUE(f.cluster.exists("networkpolicy", "rrt-new-cut-redis-node-0"));
  EXPECT_TRUE(f.cluster.exists("networkpolicy", "redis"));
}

}  // namespace
}  // namespace rrt
