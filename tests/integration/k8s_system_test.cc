// Whole scenarios against a Kubernetes release from inside the cluster (system/k8s_system.h):
// faults on the run's schedule through kubectl. No Kubernetes API can run here: the fake kubectl
// stands for it (tests/data/k8s/README.md), with real redis-servers and redis-sentinels behind
// the pods of the chart-23.1.1-shaped fixture, so a deleted pod's Redis really dies, the
// sentinels really fail over, and the "StatefulSet" starts the pod's processes again. The only
// difference from a cluster: the test reaches the sentinels by the pods' IPs (no cluster DNS).
#include "system/k8s_system.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "../unit/k8s_fake_cluster.h"
#include "base/errors.h"
#include "run/runner.h"
#include "run/scenario_vocabulary.h"
#include "scenario/scenario_catalog.h"
#include "scenario/scenario_loader.h"
#include "system/fault_support.h"
#include "test_support.h"

namespace rrt {
namespace {

using k8s_test::FakeCluster;
using k8s_test::FakeClusterOptions;
using rrt::testing::nemesis_events;
using ::testing::HasSubstr;

Scenario shipped(const std::string& name) {
  return load_scenario_file(find_scenario(name), scenario_vocabulary());
}

K8sSystemOptions options_for(const FakeCluster& cluster, bool allow_faults = true) {
  K8sSystemOptions o;
  o.kubectl = cluster.kubectl();
  o.release = "redis";
  o.external.url = cluster.sentinel_url();
  o.external.password = FakeCluster::kPassword;
  o.external.allow_faults = allow_faults;
  o.external.max_rate = 2400;
  return o;
}

// Runs shipped scenario `name`, shortened to `duration`, on the fake cluster's release.
RunOutcome run_on_release(const FakeCluster& cluster, const std::string& name, Nanos duration,
                          const std::string& runs_root) {
  Scenario s = shipped(name);
  s.duration = duration;
  K8sSystem system(s, options_for(cluster));
  SystemClock clock;
  RunOptions ro;
  ro.runs_root = runs_root;
  ro.quiet = true;
  return run_scenario(s, system, clock, ro);
}

// The refusal check_fault_support gives `scenario` on the release, or "" if it may run.
std::string refusal(Scenario scenario, K8sSystemOptions o) {
  K8sSystem system(scenario, std::move(o));
  try {
    check_fault_support(scenario, system);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

// The shipped kill scenario: the master's pod is deleted at 2 s (confirmed by its new UID), the
// sentinels fail over, the StatefulSet brings the pod back and the fault's stop waits for it.
TEST(K8sSystemRun, SentinelKillMasterDeletesThePodAndTheSentinelsFailOver) {
  rrt::testing::TempHome home;
  // The pod comes back 5 s after its delete: after down-after-milliseconds (1 s) and the failover.
  FakeCluster cluster(FakeClusterOptions{.sentinels = true, .pod_restart = 5 * kSeconds});
  RunOutcome out =
      run_on_release(cluster, "sentinel-kill-master", 14 * kSeconds, home.path() + "/runs");
  ASSERT_TRUE(out.results.is_object()) << out.report_text;
  std::vector<nlohmann::json> kills = nemesis_events(out.run_dir, "kill");
  ASSERT_EQ(kills.size(), 2u) << out.report_text;
  const nlohmann::json& d = kills[0]["detail"];
  EXPECT_EQ(d["node"], "redis-node-0") << d.dump();  // named after its pod
  EXPECT_EQ(d["role"], "master");
  EXPECT_EQ(d["shares_pod_with"], "redis-node-0-sentinel");
  EXPECT_THAT(d["kubectl"].dump(), HasSubstr("delete pod redis-node-0 --grace-period=1"));
  EXPECT_THAT(d["kubectl"].dump(), HasSubstr("is gone"));
  EXPECT_TRUE(kills[1]["detail"].contains("back_after_ms") ||
              kills[1]["detail"].value("already_running", false))
      << kills[1].dump();
  EXPECT_GE(cluster.pods_replaced(), 1);
  EXPECT_TRUE(nemesis_events(out.run_dir, "fault-error").empty()) << out.report_text;
  const nlohmann::json& f = out.results["failover"];
  std::printf("failover after the pod delete: %s\nkill: %s\n", f.dump().c_str(),
              d.dump().c_str());  // for people reading the test log
  EXPECT_GE(f["phases"].value("sdown", 0), 1000) << f.dump();
  EXPECT_LE(f["phases"].value("odown", 0), f["phases"].value("switch_master", 0)) << f.dump();
  EXPECT_TRUE(f["failovers"][0].value("failed_over", false)) << f.dump();
  EXPECT_NE(f["failovers"][0].value("new_master", ""), "") << f.dump();
  EXPECT_GT(f.value("outage_ms", 0), 900) << f.dump();
  EXPECT_EQ(out.results["target"]["url"], "k8s://ns/redis");
  EXPECT_EQ(out.results["target"]["kubernetes"]["undo_not_confirmed"], 0);
  EXPECT_TRUE(out.results["target"]["cleanup"]["complete"]) << out.results["target"].dump();
}

// With DEBUG allowed (enable-debug-command local, as `rrt k8s values` sets it), pause is DEBUG
// SLEEP run inside the master's pod; the stop waits until the pod answers again.
TEST(K8sSystemRun, SentinelPauseMasterSleepsInsideThePod) {
  rrt::testing::TempHome home;
  FakeCluster cluster(FakeClusterOptions{.sentinels = true});
  RunOutcome out =
      run_on_release(cluster, "sentinel-pause-master", 10 * kSeconds, home.path() + "/runs");
  std::vector<nlohmann::json> pauses = nemesis_events(out.run_dir, "pause");
  ASSERT_EQ(pauses.size(), 2u) << out.report_text;
  EXPECT_EQ(pauses[0]["detail"]["pod"], "redis-node-0");
  EXPECT_THAT(pauses[0]["detail"]["plan"].get<std::string>(), HasSubstr("DEBUG SLEEP 4 on"));
  EXPECT_THAT(pauses[0]["detail"]["kubectl"].dump(), HasSubstr("exec redis-node-0 -c redis"));
  EXPECT_THAT(pauses[0]["detail"]["kubectl"].dump(), HasSubstr("stops answering PING"));
  EXPECT_THAT(pauses[1]["detail"]["kubectl"].dump(), HasSubstr("answers PING again"));
  EXPECT_TRUE(nemesis_events(out.run_dir, "fault-error").empty()) << out.report_text;
}

// add-replica scales the node StatefulSet up by one per replica (3 -> 5: each new pod brings a
// redis and a sentinel), confirmed by its ready replicas and the new pods' replication links;
// the stop scales back newest first and the sentinels are reset to forget them.
TEST(K8sSystemRun, SentinelReplicaScalingScalesTheStatefulSetAndBack) {
  rrt::testing::TempHome home;
  FakeCluster cluster(FakeClusterOptions{.sentinels = true});
  RunOutcome out =
      run_on_release(cluster, "sentinel-replica-scaling", 16 * kSeconds, home.path() + "/runs");
  std::vector<nlohmann::json> scale = nemesis_events(out.run_dir, "add-replica");
  ASSERT_EQ(scale.size(), 2u) << out.report_text;
  EXPECT_EQ(scale[0]["detail"]["added"], nlohmann::json({"redis-node-3", "redis-node-4"}));
  EXPECT_TRUE(scale[0]["detail"]["sentinels_know_after_ms"].is_number()) << scale[0].dump();
  EXPECT_EQ(scale[1]["detail"]["removed"], nlohmann::json({"redis-node-4", "redis-node-3"}));
  EXPECT_TRUE(scale[1]["detail"]["sentinels_forgot_after_ms"].is_number()) << scale[1].dump();
  EXPECT_TRUE(nemesis_events(out.run_dir, "fault-error").empty()) << out.report_text;
  std::string calls;
  for (const auto& c : cluster.calls()) calls += c + "\n";
  EXPECT_THAT(calls, HasSubstr("scale statefulset/redis-node --current-replicas=3 --replicas=4"));
  EXPECT_THAT(calls, HasSubstr("scale statefulset/redis-node --current-replicas=5 --replicas=4"));
  EXPECT_THAT(calls, HasSubstr("scale statefulset/redis-node --current-replicas=4 --replicas=3"));
  EXPECT_FALSE(cluster.exists("pod", "redis-node-3"));
  EXPECT_EQ(out.results["target"]["kubernetes"]["undo_not_confirmed"], 0);
}

// What the release cannot take is refused before anything starts, naming what would help.
TEST(K8sSystemRun, FaultsTheReleaseCannotTakeAreRefusedFirst) {
  FakeCluster cluster(FakeClusterOptions{.debug_command = "no", .start_redis = false});
  std::string pause = refusal(shipped("sentinel-pause-master"), options_for(cluster));
  EXPECT_THAT(pause, HasSubstr("fault 'pause' at 2s cannot run on k8s://ns/redis"));
  EXPECT_THAT(pause, HasSubstr("enable-debug-command local"));
  std::string groups = refusal(shipped("sentinel-partition-split-brain"), options_for(cluster));
  EXPECT_THAT(groups, HasSubstr("partition: {isolate: <target>}"));
  std::string quorum = refusal(shipped("sentinel-quorum-loss"), options_for(cluster));
  EXPECT_THAT(quorum, HasSubstr("sentinels run in the redis pods"));
  EXPECT_EQ(refusal(shipped("sentinel-kill-master"), options_for(cluster)), "");
  Scenario kill = shipped("sentinel-kill-master");
  try {
    K8sSystem system(kill, options_for(cluster, /*allow_faults=*/false));
    FAIL() << "expected a refusal without --allow-faults";
  } catch (const UsageError& e) {
    EXPECT_THAT(e.what(), HasSubstr("--allow-faults"));
  }
}

// Which shipped scenarios of the Sentinel kind run on a release as they are (Chaos Mesh
// installed, DEBUG allowed as `rrt k8s values` sets it): the list docs/kubernetes.md gives.
TEST(K8sSystemRun, ShippedSentinelScenariosThatRunOnARelease) {
  FakeCluster cluster(FakeClusterOptions{.chaos_mesh = true, .start_redis = false});
  std::vector<std::string> runs, refused;
  for (const auto& entry : list_scenarios(scenario_vocabulary())) {
    Scenario s = shipped(entry.name);
    if (s.lab.kind != TopologyKind::kSentinel && s.lab.kind != TopologyKind::kReplication) continue;
    (refusal(s, options_for(cluster)).empty() ? runs : refused).push_back(entry.name);
  }
  EXPECT_THAT(runs, ::testing::ElementsAre(
                        "persistence-off-auto-restart", "redis-failover", "replication-stale-reads",
                        "sentinel-isolate-master", "sentinel-kill-master",
                        "sentinel-kill-master-full-speed", "sentinel-manual-failover",
                        "sentinel-pause-master", "sentinel-replica-scaling"));
  // Partitions in groups of lab hosts, and stopping sentinels alone.
  EXPECT_THAT(refused, ::testing::ElementsAre("sentinel-partition-split-brain",
                                              "sentinel-partition-split-brain-min-replicas",
                                              "sentinel-partition-split-brain-wait",
                                              "sentinel-quorum-loss"));
}

// partition: {isolate: master} (sentinel-isolate-master) cuts the master's pod off with a
// NetworkChaos where Chaos Mesh is installed; where only the chart's own NetworkPolicy is there,
// it is refused first. (The fake cuts only what runs through kubectl exec, so the run itself is
// not shown here: its effect on Redis is the lab's, ShippedScenario.SentinelIsolateMaster.)
TEST(K8sSystemRun, IsolatingAPodNeedsAMechanismThatCanCut) {
  Scenario s = shipped("sentinel-isolate-master");
  {
    FakeCluster cluster(FakeClusterOptions{.chart_policy = true, .start_redis = false});
    EXPECT_THAT(refusal(s, options_for(cluster)), HasSubstr("policies add up"));
  }
  FakeCluster cluster(FakeClusterOptions{.chaos_mesh = true, .sentinels = true});
  EXPECT_EQ(refusal(s, options_for(cluster)), "");  // the shipped scenario runs as it is
  K8sSystem system(s, options_for(cluster));
  system.start();
  SystemClock clock;
  FaultContext ctx = system.fault_context(clock);
  std::vector<std::string> rest;
  for (const auto& n : system.topology().nodes) {
    if (n.name != "redis-node-0") rest.push_back(n.name);
  }
  ctx.network->partition({{"redis-node-0"}, rest});
  bool created = false;
  for (const auto& c : cluster.calls()) created = created || c.rfind("create -f -", 0) == 0;
  EXPECT_TRUE(created);
  // Chaos Mesh's own heal, the safety net, comes a minute after the run (30 s) could end.
  EXPECT_THAT(cluster.calls_text(), HasSubstr(R"("duration": "90s")"));
  ctx.network->heal();
  std::string log;
  for (const auto& l : dynamic_cast<K8sNodes*>(ctx.network)->log()) log += l + "\n";
  EXPECT_THAT(log, HasSubstr("gets no reply from redis-node-0"));
  EXPECT_THAT(log, HasSubstr("reaches redis-node-0 again"));
  EXPECT_THROW(ctx.network->partition({{"redis-node-0", "redis-node-1"}, {"redis-node-2"}}),
               UsageError);  // two pods on one side: not what a pod cut can do
}

}  // namespace
}  // namespace rrt
