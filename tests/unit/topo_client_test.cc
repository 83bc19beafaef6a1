// The topology client (topo/ask.h, topo/master.h, topo/switch_master.h) against fake RESP peers:
// one question per connection, deadlines kept, the one master rule, the one +switch-master parser.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/errors.h"
#include "fake_resp_peer.h"
#include "topo/ask.h"
#include "topo/master.h"
#include "topo/switch_master.h"

namespace rrt {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

ConnectOptions quick() {
  ConnectOptions o;
  o.timeout = 300 * kMillis;
  return o;
}

// A peer that answers ROLE with `role` and anything else with +OK.
FakeRespPeer::Answer node_with_role(const std::string& role) {
  return [role](const std::vector<std::string>& c) -> std::string {
    if (c.at(0) == "ROLE") return FakeRespPeer::array({role});
    return "+OK\r\n";
  };
}

// A peer that answers GET-MASTER-ADDR-BY-NAME mymaster with `master` (nil for other names).
FakeRespPeer::Answer sentinel_naming(const Endpoint& master) {
  return [master](const std::vector<std::string>& c) -> std::string {
    if (c.size() == 3 && c[1] == "GET-MASTER-ADDR-BY-NAME") {
      if (c[2] != "mymaster") return "*-1\r\n";
      return FakeRespPeer::array({master.host, std::to_string(master.port)});
    }
    return "-ERR unknown command\r\n";
  };
}

TEST(Ask, SendsOneCommandAndReturnsTheReply) {
  FakeRespPeer peer([](const std::vector<std::string>& c) { return FakeRespPeer::bulk(c.at(1)); });
  CallResult r = ask(peer.endpoint(), {"ECHO", "hello"}, quick());
  ASSERT_TRUE(r.ok()) << r.detail;
  EXPECT_EQ(r.reply.str(), "hello");
  EXPECT_THAT(peer.seen(), ElementsAre("ECHO hello"));
  EXPECT_EQ(must_ask(peer.endpoint(), {"ECHO", "again"}, quick()).str(), "again");
}

TEST(Ask, ErrorReplyIsNotOkAndMustAskNamesNodeAndCommand) {
  FakeRespPeer peer([](const std::vector<std::string>&) { return "-NOPERM no rights\r\n"; });
  CallResult r = ask(peer.endpoint(), {"CONFIG", "GET", "x"}, quick());
  EXPECT_FALSE(r.ok());
  EXPECT_THAT(r.detail, HasSubstr("NOPERM"));
  try {
    must_ask(peer.endpoint(), {"CONFIG", "GET", "x"}, quick());
    FAIL() << "an error reply must throw";
  } catch (const EnvironmentError& e) {
    EXPECT_THAT(e.what(), HasSubstr(peer.endpoint().to_string()));
    EXPECT_THAT(e.what(), HasSubstr("CONFIG"));
    EXPECT_THAT(e.what(), HasSubstr("NOPERM"));
  }
}

TEST(Ask, SilentPeerEndsAtTheDeadline) {
  FakeRespPeer peer([](const std::vector<std::string>&) { return std::string(); });
  Nanos start = mono_ns();
  CallResult r = ask(peer.endpoint(), {"PING"}, quick(), 150 * kMillis);
  Nanos took = mono_ns() - start;
  EXPECT_FALSE(r.ok());
  EXPECT_GE(took, 150 * kMillis);
  EXPECT_LT(took, 3 * kSeconds);
  EXPECT_THROW(must_ask(peer.endpoint(), {"PING"}, quick(), 50 * kMillis), EnvironmentError);
}

TEST(Ask, NobodyListeningIsAnErrorNotAThrow) {
  Endpoint gone;
  {
    FakeRespPeer peer(node_with_role("master"));
    gone = peer.endpoint();
  }  // closed: the port refuses now (or, rarely, someone else took it)
  CallResult r = ask(gone, {"PING"}, quick());
  EXPECT_FALSE(r.ok());
  EXPECT_FALSE(r.detail.empty());
}

TEST(MasterRule, SentinelsAnswerFirst) {
  FakeRespPeer master(node_with_role("master")), replica(node_with_role("slave"));
  // The sentinel names the replica: its word wins over the roles the nodes report.
  FakeRespPeer sentinel(sentinel_naming(replica.endpoint()));
  Topology t;
  t.kind = TopologyKind::kSentinel;
  t.nodes = {{"redis-1", Role::kMaster, master.endpoint(), ""},
             {"redis-2", Role::kReplica, replica.endpoint(), ""},
             {"sentinel-1", Role::kSentinel, sentinel.endpoint(), ""}};
  EXPECT_EQ(must_find_master(t, quick()), replica.endpoint());
  EXPECT_TRUE(master.seen().empty());
}

TEST(MasterRule, NoSentinelAnswerFallsBackToRolesMastersFirst) {
  FakeRespPeer silent([](const std::vector<std::string>&) { return std::string(); });
  FakeRespPeer unknown(sentinel_naming({"10.0.0.1", 1}));  // knows another master name only
  FakeRespPeer old_master(node_with_role("slave")), new_master(node_with_role("master"));
  Topology t;
  t.master_name = "other";
  t.nodes = {{"redis-2", Role::kReplica, new_master.endpoint(), ""},
             {"redis-1", Role::kMaster, old_master.endpoint(), ""},
             {"sentinel-1", Role::kSentinel, silent.endpoint(), ""},
             {"sentinel-2", Role::kSentinel, unknown.endpoint(), ""}};
  EXPECT_EQ(find_master(t, quick()), new_master.endpoint());
  EXPECT_THAT(old_master.seen(), ElementsAre("ROLE"));  // the configured master was asked first
  EXPECT_THAT(unknown.seen(), ElementsAre("SENTINEL GET-MASTER-ADDR-BY-NAME other"));
}

TEST(MasterRule, NobodyMasterNamesWhomItAsked) {
  FakeRespPeer replica(node_with_role("slave"));
  Topology t;
  t.nodes = {{"redis-1", Role::kMaster, replica.endpoint(), ""}};
  EXPECT_EQ(find_master(t, quick()), std::nullopt);
  try {
    must_find_master(t, quick());
    FAIL();
  } catch (const EnvironmentError& e) {
    EXPECT_THAT(e.what(), HasSubstr(replica.endpoint().to_string()));
  }
}

TEST(MasterRule, PureParts) {
  EXPECT_THAT(master_addr_command("m"), ElementsAre("SENTINEL", "GET-MASTER-ADDR-BY-NAME", "m"));
  Topology t;
  t.nodes = {{"sentinel-1", Role::kSentinel, {"s", 1}, ""},
             {"redis-2", Role::kReplica, {"r", 2}, ""},
             {"proxy-1", Role::kProxy, {"p", 3}, ""},
             {"redis-1", Role::kMaster, {"m", 4}, ""}};
  EXPECT_THAT(master_candidates(t), ElementsAre(Endpoint{"m", 4}, Endpoint{"r", 2}));
}

TEST(SwitchMaster, ParsesThePayload) {
  auto m = parse_switch_master("mymaster 127.0.0.1 7001 127.0.0.1 7002");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->master_name, "mymaster");
  EXPECT_EQ(m->old_master, (Endpoint{"127.0.0.1", 7001}));
  EXPECT_EQ(m->new_master, (Endpoint{"127.0.0.1", 7002}));
  EXPECT_FALSE(parse_switch_master("mymaster 127.0.0.1 7001 127.0.0.1"));
  EXPECT_FALSE(parse_switch_master("mymaster 127.0.0.1 x 127.0.0.1 7002"));
  EXPECT_FALSE(parse_switch_master(""));
}

}  // namespace
}  // namespace rrt
