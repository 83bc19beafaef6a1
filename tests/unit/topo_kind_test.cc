// Topology kind, node role and hosts mode: text only at the edges, each value round-trips, bad text
// is an error naming what was expected (and, in a scenario file, where).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "scenario_error_of.h"
#include "topo/lab_spec.h"
#include "topo/topology.h"

namespace rrt {
namespace {

using testing::error_of;
using ::testing::HasSubstr;

TEST(TopologyKind, RoundTripsThroughItsName) {
  for (TopologyKind k : {TopologyKind::kStandalone, TopologyKind::kReplication,
                         TopologyKind::kSentinel, TopologyKind::kCluster, TopologyKind::kProxy}) {
    EXPECT_EQ(parse_topology_kind(kind_name(k)), k) << kind_name(k);
  }
  EXPECT_STREQ(kind_name(TopologyKind::kCluster), "cluster");
  EXPECT_EQ(parse_topology_kind("Sentinel"), std::nullopt);
  try {
    must_parse_topology_kind("bogus", "lab kind");
    FAIL();
  } catch (const UsageError& e) {
    EXPECT_STREQ(e.what(),
                 "bad lab kind 'bogus': expected standalone, replication, sentinel, cluster or "
                 "proxy");
  }
}

TEST(NodeRole, RoundTripsThroughItsName) {
  for (Role r :
       {Role::kMaster, Role::kReplica, Role::kSentinel, Role::kClusterNode, Role::kProxy}) {
    EXPECT_EQ(parse_role(role_name(r)), r) << role_name(r);
  }
  EXPECT_STREQ(role_name(Role::kReplica), "replica");
  EXPECT_EQ(parse_role("slave"), std::nullopt);  // Redis's word; rrt writes replica
  EXPECT_EQ(role_names(), "master, replica, sentinel, cluster-node or proxy");
}

TEST(HostsMode, RoundTripsThroughItsName) {
  for (HostsMode m : {HostsMode::kLoopback, HostsMode::kNetns, HostsMode::kProxy}) {
    EXPECT_EQ(parse_hosts_mode(hosts_name(m)), m) << hosts_name(m);
  }
  EXPECT_THROW(must_parse_hosts_mode("docker", "--hosts"), UsageError);
}

TEST(LabSpecJson, KeepsKindAndHostsAsText) {
  LabSpec s;
  s.kind = TopologyKind::kCluster;
  s.hosts = HostsMode::kProxy;
  nlohmann::json j = to_json(s);
  EXPECT_EQ(j["kind"], "cluster");
  EXPECT_EQ(j["hosts"], "proxy");
  LabSpec back = lab_spec_from_json(j);
  EXPECT_EQ(back.kind, TopologyKind::kCluster);
  EXPECT_EQ(back.hosts, HostsMode::kProxy);
  j["kind"] = "sentinal";
  EXPECT_THROW(lab_spec_from_json(j), UsageError);
}

TEST(ScenarioLoader, BadTopologyKindAndHostsNameTheirPlace) {
  EXPECT_THAT(error_of("topology:\n  kind: sentinal\n"),
              HasSubstr("t.yaml:2:9: topology.kind: 'sentinal' is not one of standalone, "
                        "replication, sentinel, cluster or proxy"));
  EXPECT_THAT(error_of("topology:\n  kind: sentinel\n  hosts: docker\n"),
              HasSubstr("t.yaml:3:10: topology.hosts: 'docker' is not one of loopback, netns or "
                        "proxy"));
}

}  // namespace
}  // namespace rrt
