// The in-cluster Job: its manifest (least privilege, a unique name, the Secret the pods really
// use) and `rrt k8s run`'s create / follow / fetch / delete against the fake kubectl, which
// stands for a Kubernetes API that cannot run here (tests/data/k8s/README.md). Whether the image
// really runs in a cluster is what scripts/k8s-e2e.sh checks, on a machine with kind.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/errors.h"
#include "k8s/job_manifest.h"
#include "k8s/job_runner.h"
#include "k8s/k8s_release.h"
#include "k8s_fake_cluster.h"

namespace rrt {
namespace {

using k8s_test::FakeCluster;
namespace fs = std::filesystem;
using k8s_test::no_wait;
using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

JobSpec spec_for(FakeCluster& c, JobRequest q = {}) {
  return job_for_release(discover_release(c.kubectl(), "redis"), q, "20261204-174500-ab12");
}

json the_job(const JobSpec& s) {
  json objects = job_objects(s);
  for (const auto& o : objects["items"]) {
    if (o["kind"] == "Job") return o;
  }
  return nullptr;
}

TEST(K8sJob, LeastPrivilegeAndASecurityContext) {
  FakeCluster c({.start_redis = false});
  JobSpec s = spec_for(c);
  json objects = job_objects(s);
  ASSERT_EQ(objects["items"].size(), 1u);  // no ServiceAccount, Role or binding: no API needed
  json job = the_job(s);
  EXPECT_EQ(job["metadata"]["name"], "rrt-redis-20261204-174500-ab12");
  const json& pod = job["spec"]["template"]["spec"];
  EXPECT_EQ(pod["automountServiceAccountToken"], false);
  EXPECT_FALSE(pod.contains("serviceAccountName"));
  EXPECT_EQ(pod["securityContext"]["runAsNonRoot"], true);
  EXPECT_EQ(pod["securityContext"]["runAsUser"], 10001);  // the Dockerfile's user, numeric
  const json& ctr = pod["containers"][0];
  EXPECT_EQ(ctr["imagePullPolicy"], "IfNotPresent");
  EXPECT_EQ(ctr["securityContext"]["readOnlyRootFilesystem"], true);
  EXPECT_EQ(ctr["securityContext"]["allowPrivilegeEscalation"], false);
  EXPECT_EQ(ctr["securityContext"]["capabilities"]["drop"], json({"ALL"}));
  EXPECT_EQ(ctr["volumeMounts"][0]["mountPath"], "/runs");
  EXPECT_EQ(pod["volumes"][0]["emptyDir"], json::object());
  EXPECT_EQ(job["spec"]["backoffLimit"], 0);
  EXPECT_GT(job["spec"]["activeDeadlineSeconds"], 0);
}

// The old Job referenced "<release>-redis": "redis-redis" for this release, which does not exist.
TEST(K8sJob, PasswordFromTheSecretThePodsUse) {
  FakeCluster c({.start_redis = false});
  json env = the_job(spec_for(c))["spec"]["template"]["spec"]["containers"][0]["env"];
  json ref = env[1]["valueFrom"]["secretKeyRef"];
  EXPECT_EQ(env[1]["name"], "RRT_PASSWORD");
  EXPECT_EQ(ref["name"], "redis");
  EXPECT_EQ(ref["key"], "redis-password");
  EXPECT_THAT(job_manifest(spec_for(c)), Not(HasSubstr(FakeCluster::kPassword)));
}

TEST(K8sJob, RunsRrtAgainstTheSentinelService) {
  FakeCluster c({.start_redis = false});
  JobRequest q;
  q.allow_faults = true;
  json ctr = the_job(spec_for(c, q))["spec"]["template"]["spec"]["containers"][0];
  EXPECT_EQ(ctr["args"], json({"run", "sentinel-manual-failover", "--target",
                               "sentinel://redis.ns.svc.cluster.local:26379/mymaster", "--runs-dir",
                               "/runs", "--max-rate", "200", "--allow-faults"}));
  EXPECT_EQ(ctr["command"][0], "sh");
  EXPECT_THAT(ctr["command"][2].get<std::string>(), HasSubstr("rrt-k8s: exit $rc"));
}

TEST(K8sJob, APasswordInTheTargetIsRefusedWithoutEchoingIt) {
  FakeCluster c({.start_redis = false});
  // Every form that carries a password: with and without a user, a bare password (read as the
  // password, as redis-cli does), both schemes.
  for (const char* target : {"sentinel://:hunter2@redis.ns.svc.cluster.local:26379/mymaster",
                             "sentinel://app:hunter2@redis.ns.svc:26379/mymaster",
                             "redis://hunter2@redis-master.ns.svc:6379",
                             "redis://default:hunter2@redis-master.ns.svc:6379"}) {
    SCOPED_TRACE(target);
    JobRequest q;
    q.target = target;
    try {
      spec_for(c, q);
      ADD_FAILURE() << "a Job was planned for " << target;
    } catch (const UsageError& e) {
      EXPECT_THAT(e.what(), HasSubstr("must not carry a password"));
      EXPECT_THAT(e.what(), Not(HasSubstr("hunter2")));
    }
  }
}

TEST(K8sJob, AKubernetesTargetGetsItsOwnServiceAccountAndRole) {
  FakeCluster c({.start_redis = false});
  JobRequest q;
  q.target = "k8s://ns/redis";
  JobSpec s = spec_for(c, q);
  json items = job_objects(s)["items"];
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0]["kind"], "ServiceAccount");
  EXPECT_EQ(items[1]["kind"], "Role");
  EXPECT_EQ(items[2]["kind"], "RoleBinding");
  EXPECT_EQ(the_job(s)["spec"]["template"]["spec"]["serviceAccountName"], s.name);
  for (const auto& rule : items[1]["rules"]) {
    EXPECT_THAT(rule["verbs"].dump(), Not(HasSubstr("*")));
  }
}

TEST(K8sJob, NamesAreUniqueAndShortEnough) {
  std::string a = unique_run_suffix(), b = unique_run_suffix();
  EXPECT_NE(a, b);
  EXPECT_LE(job_name(std::string(80, 'r'), a).size(), 63u);
}

TEST(K8sJob, RunCreatesFollowsFetchesAndDeletes) {
  FakeCluster c({.start_redis = false});
  c.prepare_job();
  JobSpec s = spec_for(c);
  std::vector<std::string> out;
  std::string runs = (c.state() / "local-runs").string();
  JobOutcome o;
  {
    JobRunner runner(c.kubectl(), no_wait(), [&](const std::string& l) { out.push_back(l); });
    runner.create(s);
    o = runner.follow(60);
    runner.fetch(o, runs);
    EXPECT_TRUE(runner.remove());
  }
  EXPECT_EQ(o.rrt_exit, 1);
  EXPECT_EQ(o.verdict, "fail");
  EXPECT_EQ(o.local_dir, runs + "/sentinel-manual-failover/20261204-174529-242");
  EXPECT_TRUE(fs::exists(fs::path(o.local_dir) / "history.jsonl"));
  EXPECT_FALSE(c.exists("job", s.name));
  std::string printed;
  for (const auto& l : out) printed += l + "\n";
  EXPECT_THAT(printed, HasSubstr("Pending (ContainerCreating)"));
  EXPECT_THAT(printed, HasSubstr("+switch-master mymaster 127.0.0.1 7000 127.0.0.1 7002"));
  EXPECT_THAT(printed, HasSubstr("job " + s.name + " deleted"));
  // Every log line printed once, in order.
  std::size_t verdicts = 0;
  for (const auto& l : out) verdicts += l == "| verdict: fail";
  EXPECT_EQ(verdicts, 1u);
  std::vector<std::string> verbs;
  for (const auto& call : c.calls()) verbs.push_back(call.substr(0, call.find(' ')));
  EXPECT_EQ(verbs.front(), "get");  // discovery
  EXPECT_THAT(c.calls(),
              ::testing::Contains("cp " + std::string("rrt-redis-20261204-174500-ab12-x7k2p") +
                                  ":/runs/sentinel-manual-failover/20261204-174529-242 " +
                                  o.local_dir + " -c rrt"));
}

TEST(K8sJob, AnImageThatCannotBePulledEndsTheRunAndTheJob) {
  FakeCluster c({.start_redis = false});
  c.prepare_job();
  c.image_missing();
  JobSpec s = spec_for(c);
  {
    JobRunner runner(c.kubectl(), no_wait(), nullptr);
    runner.create(s);
    try {
      runner.follow(60);
      FAIL();
    } catch (const EnvironmentError& e) {
      EXPECT_THAT(e.what(), HasSubstr("kind load docker-image rrt:latest"));
    }
  }  // the runner deletes the Job on its way out
  EXPECT_FALSE(c.exists("job", s.name));
}

// What the old manifest did: a Secret named by the suffix rule, which this release lacks.
TEST(K8sJob, AMissingSecretIsReportedNotWaitedFor) {
  FakeCluster c({.start_redis = false});
  c.prepare_job();
  JobSpec s = spec_for(c);
  s.password_secret = "redis-redis";
  JobRunner runner(c.kubectl(), no_wait(), nullptr);
  runner.create(s);
  try {
    runner.follow(60);
    FAIL();
  } catch (const EnvironmentError& e) {
    EXPECT_THAT(e.what(), HasSubstr("secret \"redis-redis\" not found"));
  }
}

}  // namespace
}  // namespace rrt
