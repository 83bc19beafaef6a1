// `rrt k8s values`: Helm values for the Bitnami redis chart 23.1.1, read back with yaml-cpp as
// Helm would, so each setting lands under the key the chart's values.yaml has for it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "base/errors.h"
#include "k8s/helm_values.h"

namespace rrt {
namespace {

using ::testing::HasSubstr;

TEST(K8sValues, ImagesThatCanBePulledAndTheSettingsFaultsNeed) {
  ValuesOptions o;
  o.down_after_ms = 3000;
  std::string text = helm_values(o);
  YAML::Node v = YAML::Load(text);
  EXPECT_TRUE(v["global"]["security"]["allowInsecureImages"].as<bool>());
  EXPECT_EQ(v["image"]["repository"].as<std::string>(), "bitnamilegacy/redis");
  EXPECT_EQ(v["sentinel"]["image"]["repository"].as<std::string>(), "bitnamilegacy/redis-sentinel");
  EXPECT_FALSE(v["networkPolicy"]["enabled"].as<bool>());
  EXPECT_THAT(v["commonConfiguration"].as<std::string>(), HasSubstr("enable-debug-command local"));
  EXPECT_THAT(v["commonConfiguration"].as<std::string>(), HasSubstr("appendonly yes"));
  EXPECT_TRUE(v["sentinel"]["enabled"].as<bool>());
  EXPECT_EQ(v["sentinel"]["downAfterMilliseconds"].as<int>(), 3000);
  EXPECT_EQ(v["replica"]["replicaCount"].as<int>(), 3);
  EXPECT_FALSE(v["master"]["persistence"]["enabled"].as<bool>());
  EXPECT_THAT(text, HasSubstr("--version 23.1.1"));
}

TEST(K8sValues, ReplicationAndBadInput) {
  ValuesOptions o;
  o.exercise = "replication";
  o.debug_command = "yes";
  YAML::Node v = YAML::Load(helm_values(o));
  EXPECT_FALSE(v["sentinel"]["enabled"].as<bool>());
  EXPECT_THAT(v["commonConfiguration"].as<std::string>(), HasSubstr("enable-debug-command yes"));
  o.exercise = "cluster";
  EXPECT_THROW(helm_values(o), UsageError);
  o.exercise = "sentinel";
  o.debug_command = "always";
  EXPECT_THROW(helm_values(o), UsageError);
}

}  // namespace
}  // namespace rrt
