// Partition shapes and the names and addresses of netns hosts: pure functions.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/errors.h"
#include "net/net_names.h"
#include "net/partition_shapes.h"

namespace rrt {
namespace {

using ::testing::ElementsAre;
using Names = std::vector<std::string>;

const Names kFive = {"n1", "n2", "n3", "n4", "n5"};

TEST(NetShapes, IsolateCutsTargetsFromTheRest) {
  EXPECT_EQ(isolate(kFive, {"n3"}), (Groups{{"n3"}, {"n1", "n2", "n4", "n5"}}));
  EXPECT_THROW(isolate(kFive, {"n9"}), UsageError);
}

TEST(NetShapes, HalvesPutTheSmallerHalfFirst) {
  EXPECT_EQ(halves(kFive), (Groups{{"n1", "n2"}, {"n3", "n4", "n5"}}));
  EXPECT_EQ(halves({"a", "b", "c", "d"}), (Groups{{"a", "b"}, {"c", "d"}}));
}

TEST(NetShapes, MajorityMinority) {
  EXPECT_EQ(majority_minority(kFive), (Groups{{"n1", "n2", "n3"}, {"n4", "n5"}}));
  EXPECT_EQ(majority_minority({"a", "b", "c", "d"}), (Groups{{"a", "b", "c"}, {"d"}}));
}

TEST(NetShapes, BridgeLeavesOneHostTalkingToBothSides) {
  EXPECT_EQ(bridge(kFive), (Groups{{"n1", "n2"}, {"n4", "n5"}}));
  EXPECT_THROW(bridge({"a", "b"}), UsageError);
}

TEST(NetShapes, MajoritiesRingLetsEachHostSeeItsNeighbours) {
  Grudge g = majorities_ring(kFive);
  ASSERT_EQ(g.size(), 5u);
  EXPECT_THAT(g["n1"], ElementsAre("n3", "n4"));
  EXPECT_THAT(g["n3"], ElementsAre("n1", "n5"));
  EXPECT_THAT(g["n5"], ElementsAre("n2", "n3"));
  // Every host sees a majority (itself and two others), and no two see the same one.
  std::set<std::set<std::string>> seen;
  for (const auto& [host, dropped] : g) {
    std::set<std::string> visible;
    for (const auto& h : kFive) {
      if (!dropped.count(h)) visible.insert(h);
    }
    EXPECT_EQ(visible.size(), 3u) << host;
    seen.insert(visible);
  }
  EXPECT_EQ(seen.size(), 5u);
}

TEST(NetShapes, GrudgeOfGroupsIsSymmetric) {
  Grudge g = grudge_of({{"a"}, {"b", "c"}});
  EXPECT_THAT(g["a"], ElementsAre("b", "c"));
  EXPECT_THAT(g["b"], ElementsAre("a"));
  EXPECT_THAT(g["c"], ElementsAre("a"));
}

TEST(NetNames, NamesFitTheKernelLimits) {
  std::string id = lab_net_id("/tmp/rrt-0/labs/default");
  EXPECT_EQ(id.size(), 6u);
  EXPECT_NE(id, lab_net_id("/tmp/rrt-test-abc/labs/default"));
  EXPECT_LE(bridge_name(id).size(), 15u);
  EXPECT_LE(veth_name(id, 244).size(), 15u);
  EXPECT_TRUE(is_rrt_name(bridge_name(id)));
  EXPECT_TRUE(is_rrt_name(veth_name(id, 3)));
  EXPECT_EQ(netns_name("default", "redis-1"), "rrt-default-redis-1");
}

TEST(NetNames, ParsesNetworks) {
  auto net = parse_ipv4_net("10.213.4.0/24");
  ASSERT_TRUE(net);
  EXPECT_EQ(net->to_string(), "10.213.4.0/24");
  EXPECT_EQ(net->host(11), "10.213.4.11");
  EXPECT_EQ(parse_ipv4_net("192.0.2.255")->prefix, 32);
  EXPECT_FALSE(parse_ipv4_net("eth0"));
  EXPECT_FALSE(parse_ipv4_net("10.0.0.0/33"));
  EXPECT_FALSE(parse_ipv4_net("4:"));
}

TEST(NetNames, ChoosesASubnetNoRouteOrAddressUses) {
  std::string ip_output =
      "default via 192.0.2.1 dev eth0\n"
      "192.0.2.0/24 dev eth0 proto kernel scope link src 192.0.2.2\n"
      "10.213.0.0/24 dev rrt-aaaaaa proto kernel scope link src 10.213.0.1\n"
      "local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1\n"
      "broadcast 192.0.2.255 dev eth0 table local proto kernel scope link src 192.0.2.2\n"
      "4: eth0    inet 10.213.1.7/16 brd 10.213.255.255 scope global eth0\n";
  std::vector<Ipv4Net> used = networks_in_use(ip_output);
  EXPECT_EQ(used.size(), 5u);  // the default route collides with nothing
  // 10.213.1.7/16 covers the whole 10.213/16: nothing is left.
  EXPECT_THROW(choose_subnet(used), EnvironmentError);
  used.pop_back();
  EXPECT_EQ(choose_subnet(used).to_string(), "10.213.1.0/24");
}

}  // namespace
}  // namespace rrt
