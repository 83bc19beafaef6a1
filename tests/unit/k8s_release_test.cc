// Reading a Bitnami redis release from the Kubernetes API. No cluster can run here: the answers
// come from fixtures in the shape of the chart 23.1.1's templates (tests/data/k8s/README.md), and
// discover_release asks the fake kubectl, which stands for the API server.
#include "k8s/k8s_release.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/errors.h"
#include "k8s_fake_cluster.h"

namespace rrt {
namespace {

using k8s_test::data_dir;
using k8s_test::read_json;
using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// The items of a fixture List of `kind`, as kubectl get <kind> -o json returns them.
json items_of(const json& list, const std::string& kind) {
  json out = {{"kind", "List"}, {"items", json::array()}};
  for (const auto& i : list["items"]) {
    if (i["kind"] == kind) out["items"].push_back(i);
  }
  return out;
}

K8sRelease fixture_release(const std::string& file, const std::string& release) {
  json list = read_json(data_dir() / file);
  json cm = items_of(list, "ConfigMap")["items"][0];
  return describe_release(release, "ns", items_of(list, "Pod"), items_of(list, "Service"), cm);
}

// A release named "redis" gets names without the "-redis" suffix (common.names.fullname): rrt
// reads them from owner references, spec.subdomain and the services, never from a rule. The
// old code built "redis-redis..." and pointed the Job at a Secret that does not exist.
TEST(K8sRelease, ReleaseNamedRedisHasNoSuffix) {
  K8sRelease r = fixture_release("release-redis-sentinel.json", "redis");
  EXPECT_EQ(r.architecture, "sentinel");
  EXPECT_EQ(r.headless, "redis-headless");
  EXPECT_EQ(r.service, "redis");
  EXPECT_EQ(r.master_set, "mymaster");
  EXPECT_EQ(r.debug_command, "local");
  ASSERT_EQ(r.pods.size(), 3u);
  EXPECT_EQ(r.pods[0].statefulset, "redis-node");
  EXPECT_EQ(r.pods[1].announced_host(), "redis-node-1.redis-headless.ns.svc.cluster.local");
  EXPECT_EQ(r.suggested_target(), "sentinel://redis.ns.svc.cluster.local:26379/mymaster");
  EXPECT_THAT(r.suggested_target(), Not(HasSubstr("redis-redis")));
}

// auth.usePasswordFiles (the default since chart 20.10): the pods have REDIS_PASSWORD_FILE, not
// REDIS_PASSWORD, mounted from the Secret "redis", key redis-password.
TEST(K8sRelease, PasswordFileFromTheSpec) {
  K8sRelease r = fixture_release("release-redis-sentinel.json", "redis");
  PasswordSource p = r.pods[0].password;
  EXPECT_EQ(p.kind, PasswordSource::kFile);
  EXPECT_EQ(p.file, "/opt/bitnami/redis/secrets/redis-password");
  EXPECT_EQ(p.secret, "redis");
  EXPECT_EQ(p.secret_key, "redis-password");
}

// auth.usePasswordFiles=false: REDIS_PASSWORD from a secretKeyRef. Release "cache" gets the
// suffix ("cache-redis"); the pod of another chart with the same instance label is not a node.
TEST(K8sRelease, ReplicationReleaseWithPasswordInEnv) {
  K8sRelease r = fixture_release("release-cache-replication.json", "cache");
  EXPECT_EQ(r.architecture, "replication");
  ASSERT_EQ(r.pods.size(), 3u);
  EXPECT_EQ(r.pods[0].name, "cache-redis-master-0");
  EXPECT_EQ(r.pods[0].component, "master");
  EXPECT_EQ(r.password().kind, PasswordSource::kEnv);
  EXPECT_EQ(r.password().secret, "cache-redis");
  EXPECT_EQ(r.service, "cache-redis-master");
  EXPECT_EQ(r.debug_command, "no");  // the chart's default configuration
  EXPECT_EQ(r.suggested_target(), "redis://cache-redis-master.ns.svc.cluster.local:6379");
}

TEST(K8sRelease, TopologyNamesPodsAndTheirAnnouncedAddresses) {
  Topology t = release_topology(fixture_release("release-redis-sentinel.json", "redis"));
  EXPECT_EQ(t.kind, TopologyKind::kSentinel);
  ASSERT_EQ(t.nodes.size(), 6u);
  EXPECT_EQ(t.nodes[0].name, "redis-node-0");
  EXPECT_EQ(t.nodes[0].endpoint.to_string(),
            "redis-node-0.redis-headless.ns.svc.cluster.local:6379");
  EXPECT_EQ(t.nodes[3].name, "redis-node-0-sentinel");
  EXPECT_EQ(t.nodes[3].role, Role::kSentinel);
  EXPECT_EQ(t.nodes[3].endpoint.port, 26379);
}

TEST(K8sRelease, AnnouncedHostsMapBackToPods) {
  K8sRelease r = fixture_release("release-redis-sentinel.json", "redis");
  const K8sPod* p = pod_for_host(r.pods, "redis-node-2.redis-headless.ns.svc.cluster.local");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->name, "redis-node-2");
  ASSERT_NE(pod_for_host(r.pods, "10.244.2.7"), nullptr);
  EXPECT_EQ(pod_for_host(r.pods, "10.244.2.7")->name, "redis-node-1");
  EXPECT_EQ(pod_for_host(r.pods, ""), nullptr);
  EXPECT_EQ(pod_for_host(r.pods, "redis-node-1.other.elsewhere.svc.cluster.local"), nullptr);
}

TEST(K8sRelease, NoPodsNamesReleaseNamespaceAndLabel) {
  json empty = {{"kind", "List"}, {"items", json::array()}};
  try {
    describe_release("shop", "ns", empty, empty, nullptr);
    FAIL();
  } catch (const UsageError& e) {
    EXPECT_THAT(e.what(), HasSubstr("release 'shop' in namespace ns"));
    EXPECT_THAT(e.what(), HasSubstr("app.kubernetes.io/instance=shop"));
  }
  EXPECT_THROW(parse_pods(json::array(), "x", "pods.json"), UsageError);
}

// Discovery through the fake API: pods and services by the instance label, then the ConfigMap
// the pods mount as "config" (its name read from the pod spec).
TEST(K8sRelease, DiscoverAsksByLabelThenTheMountedConfigMap) {
  k8s_test::FakeCluster cluster({.start_redis = false});
  K8sRelease r = discover_release(cluster.kubectl(), "redis");
  EXPECT_EQ(r.pods.size(), 3u);
  EXPECT_EQ(r.service, "redis");
  EXPECT_THAT(cluster.calls(),
              ElementsAre("get pods -l app.kubernetes.io/instance=redis -o json",
                          "get services -l app.kubernetes.io/instance=redis -o json",
                          "get configmap redis-configuration -o json"));
}

}  // namespace
}  // namespace rrt
