// Proxy hosts: every node is announced through rrt's TCP fault proxy, so replication and
// sentinel traffic pass through it, and each toxic has its measured effect: added latency,
// bandwidth cap, reset, blackhole, down, slow close, and cuts between single hosts.
// No root needed.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <set>
#include <thread>

#include "base/errors.h"
#include "lab/lab.h"
#include "net/lab_hosts.h"
#include "net/proxy_network.h"
#include "net/source_address.h"
#include "resp/sync_client.h"
#include "test_support.h"

namespace rrt {
namespace {

using rrt::testing::run_rrt;
using rrt::testing::TempHome;
using rrt::testing::wait_no_processes_under;
using ::testing::HasSubstr;

struct InProcessHome {
  TempHome home;
  InProcessHome() { setenv("RRT_HOME", home.path().c_str(), 1); }
  ~InProcessHome() { unsetenv("RRT_HOME"); }
};

// Round-trip times of `count` PINGs on one connection, sorted.
std::vector<Nanos> ping_rtts(const Endpoint& target, int count) {
  SyncClient c;
  c.must_connect(target);
  std::vector<Nanos> rtts;
  for (int i = 0; i < count; ++i) {
    Nanos start = mono_ns();
    c.must_call({"PING"});
    rtts.push_back(mono_ns() - start);
  }
  std::sort(rtts.begin(), rtts.end());
  return rtts;
}

double ms(Nanos n) {
  return static_cast<double>(n) / kMillis;
}

CallResult ping_once(const Endpoint& target, Nanos timeout) {
  SyncClient c;
  ConnectOptions o;
  o.timeout = timeout;
  CallResult r = c.connect(target, o);
  return r.ok() ? c.call({"PING"}, timeout) : r;
}

class ProxyLab : public ::testing::Test {
 protected:
  void SetUp() override {
    LabSpec spec;
    spec.name = "px";
    spec.kind = TopologyKind::kReplication;
    spec.replicas = 1;
    spec.hosts = HostsMode::kProxy;
    lab_ = std::make_unique<Lab>(spec);
    lab_->start();
    net_ = dynamic_cast<ProxyNetwork*>(lab_->network());
    ASSERT_NE(net_, nullptr);
  }
  const LabNode& node(const std::string& name) { return lab_->node(name); }
  Endpoint proxy(const std::string& name) { return node(name).info.endpoint; }

  InProcessHome home_;
  std::unique_ptr<Lab> lab_;
  ProxyNetwork* net_ = nullptr;
};

TEST_F(ProxyLab, ReplicationGoesThroughTheProxies) {
  EXPECT_NE(proxy("redis-1"), node("redis-1").listen);
  SyncClient master;
  master.must_connect(proxy("redis-1"));
  std::string info(master.must_call({"INFO", "replication"}).str());
  EXPECT_THAT(info, HasSubstr(fmt::format("ip=127.0.0.1,port={}", proxy("redis-2").port)));
  // The replica connects from its own source address, through the master's proxy.
  SyncClient direct;
  direct.must_connect(node("redis-1").listen);
  EXPECT_THAT(std::string(direct.must_call({"CLIENT", "LIST"}).str()), HasSubstr("127.0.0.1"));
  EXPECT_GE(net_->open_connections("redis-1"), 1u);

  // Hold what the master sends the replica: a write stays on the master until heal.
  net_->cut_one_way("redis-1", "redis-2");
  master.must_call({"SET", "k", "v"});
  SyncClient replica;
  replica.must_connect(proxy("redis-2"));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_TRUE(replica.must_call({"GET", "k"}).is_nil());
  net_->heal();
  Nanos deadline = mono_ns() + 2 * kSeconds;
  while (replica.must_call({"GET", "k"}).is_nil() && mono_ns() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(replica.must_call({"GET", "k"}).str(), "v");
}

TEST_F(ProxyLab, LatencyAndJitterAreAddedWithinTolerance) {
  std::vector<Nanos> direct = ping_rtts(node("redis-1").listen, 500);
  std::vector<Nanos> proxied = ping_rtts(proxy("redis-1"), 500);
  double overhead_us = (ms(proxied[250]) - ms(direct[250])) * 1000;
  std::printf("median PING: direct %.1f us, through the proxy %.1f us (+%.1f us)\n",
              ms(direct[250]) * 1000, ms(proxied[250]) * 1000, overhead_us);
  RecordProperty("proxy_overhead_us", fmt::format("{:.1f}", overhead_us));
  EXPECT_LT(overhead_us, 2000);

  net_->latency("redis-1", 50 * kMillis, 0);
  std::vector<Nanos> slow = ping_rtts(proxy("redis-1"), 10);
  EXPECT_NEAR(ms(slow[5]), 50, 10);

  net_->latency("redis-1", 40 * kMillis, 20 * kMillis);
  std::vector<Nanos> jittery = ping_rtts(proxy("redis-1"), 20);
  EXPECT_GE(ms(jittery.front()), 19);
  EXPECT_LE(ms(jittery.back()), 70);
  EXPECT_GT(ms(jittery.back() - jittery.front()), 8) << "jitter should spread the delays";
  net_->heal();
  EXPECT_LT(ms(ping_rtts(proxy("redis-1"), 5)[2]), 5);
}

TEST_F(ProxyLab, BandwidthIsCappedWithinTolerance) {
  SyncClient direct;
  direct.must_connect(node("redis-1").listen);
  direct.must_call({"SET", "big", std::string(1'000'000, 'x')});
  const int kKbit = 16000;  // 2 MB/s: the value takes 0.5 s
  net_->bandwidth("redis-1", kKbit);
  SyncClient c;
  c.must_connect(proxy("redis-1"));
  Nanos start = mono_ns();
  Reply value = c.must_call({"GET", "big"}, 5 * kSeconds);
  double seconds = static_cast<double>(mono_ns() - start) / kSeconds;
  EXPECT_EQ(value.str().size(), 1'000'000u);
  // The cap must hold; below it, a loaded machine (parallel tests) may add delay of its own.
  double kbit = 1'000'000 * 8 / 1000.0 / seconds;
  EXPECT_LE(kbit, kKbit * 1.2) << seconds << " s";
  EXPECT_GE(kbit, kKbit * 0.4) << seconds << " s";
}

TEST_F(ProxyLab, ResetGivesConnectionReset) {
  SyncClient open;
  open.must_connect(proxy("redis-1"));
  net_->reset("redis-1");
  CallResult r = open.call({"PING"}, kSeconds);
  EXPECT_EQ(r.error, "connection-lost");
  EXPECT_THAT(r.detail, HasSubstr("reset"));
  CallResult fresh = ping_once(proxy("redis-1"), kSeconds);
  EXPECT_FALSE(fresh.ok());
  EXPECT_THAT(fresh.detail, HasSubstr("reset"));
  net_->heal();
  EXPECT_TRUE(ping_once(proxy("redis-1"), kSeconds).ok());
}

TEST_F(ProxyLab, BlackholeGivesTimeouts) {
  net_->blackhole("redis-1");
  Nanos start = mono_ns();
  EXPECT_EQ(ping_once(proxy("redis-1"), 300 * kMillis).error, "timeout");
  EXPECT_GE(mono_ns() - start, 300 * kMillis);
  net_->blackhole("redis-1", 200 * kMillis);  // the timeout toxic: closed after 200 ms
  start = mono_ns();
  CallResult r = ping_once(proxy("redis-1"), 2 * kSeconds);
  EXPECT_EQ(r.error, "connection-lost");
  EXPECT_NEAR(ms(mono_ns() - start), 200, 100);
  net_->heal();
  EXPECT_TRUE(ping_once(proxy("redis-1"), kSeconds).ok());
}

TEST_F(ProxyLab, DownRefusesConnections) {
  SyncClient open;
  open.must_connect(proxy("redis-1"));
  net_->down("redis-1");
  EXPECT_EQ(ping_once(proxy("redis-1"), kSeconds).error, "connect-refused");
  EXPECT_EQ(open.call({"PING"}, kSeconds).error, "connection-lost");
  net_->heal();
  EXPECT_TRUE(ping_once(proxy("redis-1"), kSeconds).ok());
}

TEST_F(ProxyLab, SlowCloseDelaysTheNodesClose) {
  net_->slow_close("redis-1", 300 * kMillis);
  SyncClient c;
  c.must_connect(proxy("redis-1"));
  c.must_call({"QUIT"});  // Redis answers, then closes
  Nanos start = mono_ns();
  CallResult r = c.next_reply(2 * kSeconds);
  EXPECT_EQ(r.error, "connection-lost");
  EXPECT_NEAR(ms(mono_ns() - start), 300, 100);
}

TEST_F(ProxyLab, LossDelaysAboutHalfTheRequestsByARetransmission) {
  net_->loss("redis-1", 50);
  std::vector<Nanos> rtts = ping_rtts(proxy("redis-1"), 30);
  long delayed = std::count_if(rtts.begin(), rtts.end(), [](Nanos n) { return n > 150 * kMillis; });
  EXPECT_NEAR(delayed, 15, 9);
}

TEST_F(ProxyLab, ClientHostsJoinPartitions) {
  ClientHost client = lab_->hosts()->add_client_host("client-1");
  Endpoint to_master = client.route(proxy("redis-1"));
  Endpoint to_replica = client.route(proxy("redis-2"));
  EXPECT_NE(to_master, proxy("redis-1"));
  EXPECT_TRUE(ping_once(to_master, kSeconds).ok());
  net_->partition({{"redis-1"}, {"redis-2", "client-1"}});
  EXPECT_EQ(ping_once(to_master, 300 * kMillis).error, "timeout");
  EXPECT_TRUE(ping_once(to_replica, kSeconds).ok());
  EXPECT_TRUE(ping_once(proxy("redis-1"), kSeconds).ok()) << "the host is in no group";
  net_->heal();
  EXPECT_TRUE(ping_once(to_master, kSeconds).ok());
  EXPECT_THROW(net_->partition({{"redis-1"}, {"nobody"}}), UsageError);
}

// A client that binds its sockets to the client host's source address reaches the nodes' own
// proxies (the addresses the cluster and the sentinels announce) as that host.
TEST_F(ProxyLab, ClientHostsAreKnownByTheirSourceAddress) {
  ClientHost client = lab_->hosts()->add_client_host("client-1");
  EXPECT_EQ(client.address, "127.77.1.11");
  EXPECT_EQ(lab_->hosts()->add_client_host("client-2").address, "127.77.1.12");
  auto ping_as_client = [&](const std::string& node, Nanos timeout) {
    SyncClient c;
    ConnectOptions o;
    o.timeout = timeout;
    o.open_socket = source_address_opener(client.address);
    CallResult r = c.connect(proxy(node), o);
    return r.ok() ? c.call({"PING"}, timeout) : r;
  };
  EXPECT_TRUE(ping_as_client("redis-1", kSeconds).ok());
  net_->partition({{"redis-1"}, {"redis-2", "client-1"}});
  EXPECT_EQ(ping_as_client("redis-1", 300 * kMillis).error, "timeout");
  EXPECT_TRUE(ping_as_client("redis-2", kSeconds).ok());
  EXPECT_TRUE(ping_once(proxy("redis-1"), kSeconds).ok()) << "unbound: the host, in no group";
  net_->heal();
  EXPECT_TRUE(ping_as_client("redis-1", kSeconds).ok());
  ConnectOptions bad;
  bad.open_socket = source_address_opener("10.255.255.1");  // not an address of this machine
  EXPECT_FALSE(SyncClient().connect(proxy("redis-1"), bad).ok());
}

TEST(ProxyCli, SentinelLabUpAnnouncesProxiesAndDownLeavesNothing) {
  TempHome home;
  Nanos start = mono_ns();
  auto up = run_rrt({"lab", "up", "sentinel", "--hosts", "proxy", "--name", "pxl"}, home.path());
  ASSERT_EQ(up.exit_code, 0) << up.err;
  std::printf("lab up sentinel --hosts proxy: %.2f s\n",
              static_cast<double>(mono_ns() - start) / kSeconds);
  auto status = run_rrt({"lab", "status", "--name", "pxl", "-o", "json"}, home.path());
  ASSERT_EQ(status.exit_code, 0) << status.err;
  auto rows = nlohmann::json::parse(status.out);
  ASSERT_EQ(rows.size(), 6u);
  for (const auto& row : rows) EXPECT_EQ(row["state"], "running") << row.dump();
  // Sentinels know the replicas and each other by their proxies' addresses.
  Endpoint sentinel = parse_endpoint(rows[5]["address"].get<std::string>());
  SyncClient s;
  s.must_connect(sentinel);
  Reply replicas = s.must_call({"SENTINEL", "REPLICAS", "mymaster"});
  ASSERT_EQ(replicas.size(), 2u);
  std::set<std::string> known;
  for (size_t i = 0; i < replicas.size(); ++i) {
    std::vector<std::string> fields = replicas.at(i).strings();
    for (size_t f = 0; f + 1 < fields.size(); f += 2) {
      if (fields[f] == "name") known.insert(fields[f + 1]);
    }
  }
  EXPECT_EQ(known, (std::set<std::string>{rows[1]["address"], rows[2]["address"]}));
  EXPECT_EQ(s.must_call({"SENTINEL", "SENTINELS", "mymaster"}).size(), 2u);
  run_rrt({"lab", "down", "--name", "pxl"}, home.path());
  EXPECT_THAT(wait_no_processes_under(home.path(), 5), ::testing::IsEmpty());
}

}  // namespace
}  // namespace rrt
