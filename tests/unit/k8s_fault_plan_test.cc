// Fault plans for a Kubernetes release, built without a cluster from fixtures in the shape of the
// Bitnami chart 23.1.1 (tests/data/k8s/README.md): which kubectl steps apply, confirm and undo
// each fault, and the cases where rrt must refuse.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/errors.h"
#include "k8s/fault_planner.h"
#include "k8s/network_policies.h"
#include "k8s/plan_executor.h"
#include "k8s/pod_redis_cli.h"
#include "k8s_fake_cluster.h"

namespace rrt {
namespace {

using k8s_test::data_dir;
using k8s_test::read_json;
using nlohmann::json;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

K8sRelease release() {
  json list = read_json(data_dir() / "release-redis-sentinel.json");
  json pods = {{"items", json::array()}}, services = pods, cm;
  for (const auto& i : list["items"]) {
    if (i["kind"] == "Pod") pods["items"].push_back(i);
    if (i["kind"] == "Service") services["items"].push_back(i);
    if (i["kind"] == "ConfigMap") cm = i;
  }
  return describe_release("redis", "ns", pods, services, cm);
}

PlanInput input(const std::string& verb, const std::string& pod = "redis-node-0") {
  PlanInput in;
  in.verb = verb;
  in.pod = pod;
  in.seconds = 10;
  in.run_id = "t1";
  in.now_unix_s = 1'700'000'000;
  return in;
}

std::string args(const KubectlCall& c) {
  std::string s;
  for (const auto& a : c.args) s += (s.empty() ? "" : " ") + a;
  return s;
}

std::string error_of(const K8sRelease& r, const PlanInput& in) {
  try {
    plan_fault(r, in);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

TEST(K8sFaultPlan, KillDeletesThePodAndConfirmsItsUidChanged) {
  FaultPlan p = plan_fault(release(), input("kill"));
  ASSERT_EQ(p.apply.size(), 1u);
  EXPECT_EQ(args(p.apply[0].call), "delete pod redis-node-0 --grace-period=1 --wait=false");
  ASSERT_EQ(p.confirm.size(), 1u);
  EXPECT_EQ(p.confirm[0].expect, Probe::kUidChanged);
  EXPECT_EQ(p.confirm[0].value, "6b1f0c3e-1d2a-4c5b-9e8f-000000000000");
  EXPECT_TRUE(p.undo.empty());
  EXPECT_THAT(p.notes[0], HasSubstr("preStop"));
}

// The old command was `sh -c 'REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli ...'`: the chart's pods
// have only REDIS_PASSWORD_FILE, Redis answered NOAUTH, and redis-cli without -e exited 0.
TEST(K8sFaultPlan, ClientPauseReadsThePasswordFileAndFailsOnErrors) {
  FaultPlan p = plan_fault(release(), input("client-pause", "redis-node-1"));
  ASSERT_EQ(p.apply.size(), 1u);
  const auto& a = p.apply[0].call.args;
  ASSERT_EQ(a.size(), 8u);
  EXPECT_EQ(args({{a.begin(), a.begin() + 7}, ""}), "exec redis-node-1 -c redis -- sh -c");
  EXPECT_EQ(a[7],
            "REDISCLI_AUTH=\"$(cat \"$REDIS_PASSWORD_FILE\")\" redis-cli -e -h 127.0.0.1 -p 6379 "
            "'CLIENT' 'PAUSE' '10000' 'ALL'");
  EXPECT_EQ(p.apply[0].must_print, "OK");
  EXPECT_FALSE(p.apply[0].background);
  ASSERT_EQ(p.confirm.size(), 1u);
  EXPECT_EQ(p.confirm[0].expect, Probe::kSilent);
  EXPECT_THAT(p.confirm[0].call.args.back(), HasSubstr("timeout 1.000 redis-cli -h '127.0.0.1'"));
  ASSERT_EQ(p.undo_confirm.size(), 1u);
  EXPECT_EQ(p.undo_confirm[0].expect, Probe::kAnswers);
}

// The old pause backgrounded `nohup REDISCLI_AUTH=... redis-cli` in the pod: nohup took the
// assignment for a program name, and kubectl exec exited 0 anyway.
TEST(K8sFaultPlan, PauseRunsDebugSleepInTheForegroundOfABackgroundExec) {
  FaultPlan p = plan_fault(release(), input("pause"));
  ASSERT_EQ(p.apply.size(), 1u);
  EXPECT_TRUE(p.apply[0].background);
  EXPECT_THAT(p.apply[0].call.args.back(),
              AllOf(HasSubstr("redis-cli -e"), HasSubstr("'DEBUG' 'SLEEP' '10'"),
                    Not(HasSubstr("nohup")), Not(HasSubstr("&"))));
  EXPECT_GE(p.apply[0].call.timeout_s, 10);
  EXPECT_EQ(p.confirm[0].expect, Probe::kSilent);
}

TEST(K8sFaultPlan, PauseRefusedWhenTheConfigMapLeavesDebugOff) {
  K8sRelease r = release();
  r.debug_command = "no";
  EXPECT_THAT(error_of(r, input("pause")),
              AllOf(HasSubstr("enable-debug-command"), HasSubstr("rrt k8s values")));
}

// Policies add up: next to the chart's allow-all policy (networkPolicy.enabled defaults to
// true), the old deny-all NetworkPolicy cut nothing while rrt printed "applied".
TEST(K8sFaultPlan, PartitionRefusedNextToTheChartsPolicyWithoutChaosMesh) {
  K8sRelease r = release();
  json policies = {{"items", {read_json(data_dir() / "networkpolicy-chart-default.json")}}};
  PlanInput in = input("partition");
  in.facts.pod_policies = policies_selecting(policies, r.pod("redis-node-0"));
  ASSERT_EQ(in.facts.pod_policies, std::vector<std::string>{"redis"});
  EXPECT_THAT(error_of(r, in),
              AllOf(HasSubstr("NetworkPolicy redis already selects redis-node-0"),
                    HasSubstr("Install Chaos Mesh"), HasSubstr("networkPolicy.enabled=false")));
  in.facts.chaos_mesh = true;  // Chaos Mesh works whatever the policies
  EXPECT_EQ(error_of(r, in), "");
}

TEST(K8sFaultPlan, PartitionWithChaosMeshHasADurationAndSparesOtherClients) {
  PlanInput in = input("partition", "redis-node-2");
  in.facts.chaos_mesh = true;
  FaultPlan p = plan_fault(release(), in);
  EXPECT_EQ(args(p.apply[0].call), "create -f -");
  json m = json::parse(p.apply[0].call.input);
  EXPECT_EQ(m["kind"], "NetworkChaos");
  EXPECT_EQ(m["metadata"]["name"], "rrt-t1-cut-redis-node-2");
  EXPECT_EQ(m["metadata"]["labels"]["app.kubernetes.io/managed-by"], "rrt");
  EXPECT_EQ(m["spec"]["action"], "partition");
  EXPECT_EQ(m["spec"]["direction"], "both");
  EXPECT_EQ(m["spec"]["duration"], "70s");  // the hold and a minute: heals if rrt dies
  EXPECT_EQ(m["spec"]["selector"]["pods"]["ns"], json({"redis-node-2"}));
  const json& target = m["spec"]["target"]["selector"];
  EXPECT_EQ(target["labelSelectors"]["app.kubernetes.io/instance"], "redis");
  EXPECT_EQ(target["expressionSelectors"][0]["operator"], "NotIn");
  ASSERT_EQ(p.confirm.size(), 2u);
  EXPECT_EQ(p.confirm[0].expect, Probe::kChaosInjected);
  EXPECT_EQ(p.confirm[1].expect, Probe::kCut);
  EXPECT_EQ(p.confirm[1].call.args[1], "redis-node-0");  // a peer probes the cut pod
  EXPECT_EQ(args(p.undo[0].call), "delete networkchaos rrt-t1-cut-redis-node-2 --ignore-not-found");
  EXPECT_EQ(p.undo_confirm[0].expect, Probe::kGone);
  EXPECT_EQ(p.undo_confirm[1].expect, Probe::kAnswers);
}

TEST(K8sFaultPlan, PartitionWithANetworkPolicyCutsOnlyTheReleasesPeers) {
  FaultPlan p = plan_fault(release(), input("partition", "redis-node-1"));
  json m = json::parse(p.apply[0].call.input);
  EXPECT_EQ(m["kind"], "NetworkPolicy");
  EXPECT_EQ(m["metadata"]["annotations"]["rrt.io/expires-at"], "1700000070");
  EXPECT_EQ(m["spec"]["podSelector"]["matchLabels"]["statefulset.kubernetes.io/pod-name"],
            "redis-node-1");
  const json& from = m["spec"]["ingress"][0]["from"];
  EXPECT_EQ(from[0]["podSelector"]["matchExpressions"][0]["values"][0], "redis");
  EXPECT_EQ(from[1]["namespaceSelector"]["matchExpressions"][0]["values"][0], "ns");
  EXPECT_EQ(m["spec"]["egress"][0]["to"], from);
  EXPECT_THAT(p.notes[0], HasSubstr("enforce"));
  // The rrt client (not of the release) is still admitted; the release's own pods are not.
  std::map<std::string, std::string> client = {{"app.kubernetes.io/name", "rrt"}};
  EXPECT_TRUE(selector_matches(from[0]["podSelector"], client));
  EXPECT_FALSE(selector_matches(from[0]["podSelector"], release().pods[0].labels));
}

TEST(K8sFaultPlan, ScaleGuardsTheCountAndScalesBack) {
  PlanInput in;
  in.verb = "scale";
  in.statefulset = "redis-node";
  in.replicas = 2;
  in.facts.current_replicas = 3;
  FaultPlan p = plan_fault(release(), in);
  EXPECT_EQ(args(p.apply[0].call),
            "scale statefulset/redis-node --current-replicas=3 --replicas=2");
  EXPECT_EQ(p.confirm[0].value, "2");
  EXPECT_EQ(args(p.undo[0].call), "scale statefulset/redis-node --current-replicas=2 --replicas=3");
  EXPECT_EQ(p.undo_confirm[0].value, "3");
}

TEST(K8sFaultPlan, BadInputIsNamed) {
  K8sRelease r = release();
  EXPECT_THAT(error_of(r, input("explode")), HasSubstr("expected one of kill, client-pause"));
  EXPECT_THAT(error_of(r, input("kill", "redis-node-9")),
              AllOf(HasSubstr("no pod 'redis-node-9'"), HasSubstr("redis-node-0")));
  PlanInput s = input("scale");
  s.statefulset = "nope";
  EXPECT_THAT(error_of(r, s), HasSubstr("no StatefulSet 'nope'"));
  PlanInput shortp = input("pause");
  shortp.seconds = 1;
  EXPECT_THAT(error_of(r, shortp), HasSubstr("at least 2000 ms"));
}

// The plan printed for people (and --dry-run) must be pasteable: sh splits each printed command
// back into exactly the argv rrt runs, nested quotes of the `sh -c` script included.
TEST(K8sFaultPlan, PrintedCommandsSplitBackIntoTheirArguments) {
  K8sRelease r = release();
  KubectlOptions k;
  k.ns = "ns";
  for (const char* verb : {"client-pause", "pause"}) {
    FaultPlan p = plan_fault(r, input(verb));
    std::vector<KubectlCall> calls = {p.apply[0].call, p.confirm[0].call};
    for (const auto& call : calls) {
      std::vector<std::string> argv = kubectl_argv(k, call);
      std::string line = describe(k, call);
      ToolResult split = run_tool({"sh", "-c", "set -- " + line + "; printf '%s\\0' \"$@\""});
      ASSERT_TRUE(split.ok()) << line;
      std::vector<std::string> back;
      for (std::size_t at = 0, end; (end = split.out.find('\0', at)) != std::string::npos;
           at = end + 1) {
        back.push_back(split.out.substr(at, end - at));
      }
      EXPECT_EQ(back, argv) << line;
    }
  }
}

KubectlResult result(int code, const std::string& out, const std::string& err = "") {
  return {code, out, err};
}

TEST(K8sProbe, PingOutcomes) {
  EXPECT_EQ(judge_ping(result(0, "PONG\nrrt-probe-exit=0\n")).outcome, PingOutcome::kAnswered);
  EXPECT_EQ(judge_ping(result(0, "rrt-probe-exit=124\n")).outcome, PingOutcome::kSilent);
  EXPECT_EQ(judge_ping(result(0, "NOAUTH Authentication required.\nrrt-probe-exit=0\n")).outcome,
            PingOutcome::kAnswered);  // it answered: the node is reachable
  EXPECT_EQ(judge_ping(result(0,
                              "Could not connect to Redis at 10.0.0.1:6379: Connection "
                              "refused\nrrt-probe-exit=1\n"))
                .outcome,
            PingOutcome::kUnreachable);
  EXPECT_EQ(judge_ping(result(1, "", "error: pod not found")).outcome, PingOutcome::kError);
}

TEST(K8sProbe, ObjectExpectations) {
  std::string seen;
  Probe gone{"x", {}, Probe::kGone, "", 1};
  EXPECT_TRUE(probe_holds(gone, result(1, "", "Error from server (NotFound): x"), &seen));
  EXPECT_FALSE(probe_holds(gone, result(0, "{}"), &seen));
  Probe uid{"x", {}, Probe::kUidChanged, "old", 1};
  EXPECT_FALSE(probe_holds(uid, result(0, R"({"metadata":{"uid":"old"}})"), &seen));
  EXPECT_TRUE(probe_holds(uid, result(0, R"({"metadata":{"uid":"new"}})"), &seen));
  Probe replicas{"x", {}, Probe::kReplicas, "2", 1};
  EXPECT_FALSE(
      probe_holds(replicas, result(0, R"({"status":{"replicas":2,"readyReplicas":1}})"), &seen));
  EXPECT_TRUE(
      probe_holds(replicas, result(0, R"({"status":{"replicas":2,"readyReplicas":2}})"), &seen));
  Probe chaos{"x", {}, Probe::kChaosInjected, "", 1};
  EXPECT_FALSE(probe_holds(
      chaos, result(0, R"({"status":{"conditions":[{"type":"AllInjected","status":"False"}]}})"),
      &seen));
  EXPECT_TRUE(probe_holds(
      chaos, result(0, R"({"status":{"conditions":[{"type":"AllInjected","status":"True"}]}})"),
      &seen));
}

TEST(K8sPolicies, ExpiredRrtPoliciesOnly) {
  json list = {{"items",
                {{{"metadata",
                   {{"name", "rrt-a-cut-x"},
                    {"labels", {{"app.kubernetes.io/managed-by", "rrt"}}},
                    {"annotations", {{"rrt.io/expires-at", "100"}}}}}},
                 {{"metadata",
                   {{"name", "rrt-b-cut-x"},
                    {"labels", {{"app.kubernetes.io/managed-by", "rrt"}}},
                    {"annotations", {{"rrt.io/expires-at", "300"}}}}}},
                 {{"metadata", {{"name", "redis"}}}}}}};
  EXPECT_EQ(expired_rrt_policies(list, 200), std::vector<std::string>{"rrt-a-cut-x"});
}

}  // namespace
}  // namespace rrt
