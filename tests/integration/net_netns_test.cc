// Netns hosts: a partition really stops traffic both ways and heal restores it; one-way cuts,
// packet loss and bandwidth caps have their measured effect; a netns lab comes up ready and
// leaves no namespace, bridge or rule behind, however it ends. Needs root (skipped otherwise).
#include <arpa/inet.h>
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "base/errors.h"
#include "lab/lab.h"
#include "net/lab_hosts.h"
#include "net/net_claims.h"
#include "net/netns_hosts.h"
#include "net/netns_thread.h"
#include "netns_support.h"
#include "resp/sync_client.h"
#include "test_support.h"

namespace rrt {
namespace {

using rrt::testing::leftovers;
using rrt::testing::run_rrt;
using rrt::testing::shell;
using rrt::testing::TempHome;
using rrt::testing::wait_no_processes_under;
using ::testing::HasSubstr;

// RRT_HOME for labs this process owns.
struct InProcessHome {
  TempHome home;
  InProcessHome() { setenv("RRT_HOME", home.path().c_str(), 1); }
  ~InProcessHome() { unsetenv("RRT_HOME"); }
};

// PING from inside `netns` to `target` with short deadlines; true if PONG came back.
bool ping_from(const std::string& netns, const Endpoint& target) {
  bool ok = false;
  run_in_netns(netns, [&] {
    SyncClient c;
    ConnectOptions o;
    o.timeout = 300 * kMillis;
    ok = c.connect(target, o).ok() && c.call({"PING"}, 300 * kMillis).ok();
  });
  return ok;
}

int udp_socket(const std::string& ip, int port) {
  int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, ip.c_str(), &a.sin_addr);
  if (!ip.empty()) bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  timeval tv{0, 300'000};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return fd;
}

void send_to(int fd, const std::string& ip, int port, const std::string& data) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, ip.c_str(), &a.sin_addr);
  sendto(fd, data.data(), data.size(), 0, reinterpret_cast<sockaddr*>(&a), sizeof a);
}

// True if any of 5 datagrams sent from inside `from_ns` reaches `to_ip` inside `to_ns`.
bool udp_gets_through(const std::string& from_ns, const std::string& to_ns,
                      const std::string& to_ip) {
  int rx = -1;
  run_in_netns(to_ns, [&] { rx = udp_socket(to_ip, 9500); });
  run_in_netns(from_ns, [&] {
    int tx = udp_socket("", 0);
    for (int i = 0; i < 5; ++i) send_to(tx, to_ip, 9500, "x");
    close(tx);
  });
  char buf[16];
  bool got = recv(rx, buf, sizeof buf, 0) > 0;
  close(rx);
  return got;
}

class NetnsLab : public ::testing::Test {
 protected:
  void SetUp() override {
    REQUIRE_ROOT();
    LabSpec spec;
    spec.name = lab_name_;
    spec.kind = TopologyKind::kReplication;
    spec.replicas = 1;
    spec.hosts = HostsMode::kNetns;
    lab_ = std::make_unique<Lab>(spec);
    lab_->start();
    net_ = lab_->network();
  }
  void TearDown() override {
    std::string bridge = lab_ ? static_cast<NetnsHosts*>(lab_->hosts())->bridge() : "";
    lab_.reset();
    if (geteuid() != 0) return;
    EXPECT_EQ(leftovers(lab_name_), "");
    EXPECT_FALSE(std::filesystem::exists("/sys/class/net/" + bridge)) << bridge;
  }
  const NodeInfo& node(const std::string& name) { return lab_->node(name).info; }

  // Unique per test process: ctest runs these tests side by side, and namespace names are global.
  const std::string lab_name_ = "nsf" + std::to_string(getpid());
  InProcessHome home_;
  std::unique_ptr<Lab> lab_;
  NetworkFaults* net_ = nullptr;
};

TEST_F(NetnsLab, NodesHaveTheirOwnNamespaceAndAddress) {
  EXPECT_EQ(net_->mechanism(), "netns");
  EXPECT_EQ(node("redis-1").netns, "rrt-" + lab_name_ + "-redis-1");
  EXPECT_THAT(node("redis-1").endpoint.host, ::testing::StartsWith("10.213."));
  EXPECT_NE(node("redis-1").endpoint.host, node("redis-2").endpoint.host);
  // The root namespace reaches every node, and so does every other node.
  SyncClient c;
  c.must_connect(node("redis-2").endpoint);
  EXPECT_EQ(info_field(c.must_call({"INFO", "replication"}).str(), "master_link_status"), "up");
  EXPECT_TRUE(ping_from(node("redis-2").netns, node("redis-1").endpoint));
}

TEST_F(NetnsLab, PartitionStopsTrafficBothWaysAndHealRestoresIt) {
  const NodeInfo& a = node("redis-1");
  const NodeInfo& b = node("redis-2");
  // A connection opened before the partition, from b's namespace, used from this thread.
  SyncClient established;
  run_in_netns(b.netns, [&] { established.must_connect(a.endpoint); });
  ASSERT_TRUE(established.call({"PING"}).ok());

  Nanos start = mono_ns();
  net_->partition({{"redis-1"}, {"redis-2"}});
  EXPECT_LT(mono_ns() - start, 500 * kMillis) << "applying a partition should be quick";
  EXPECT_FALSE(ping_from(b.netns, a.endpoint));
  EXPECT_FALSE(ping_from(a.netns, b.endpoint));
  EXPECT_EQ(established.call({"PING"}, 300 * kMillis).error, "timeout");

  net_->heal();
  EXPECT_TRUE(ping_from(b.netns, a.endpoint));
  EXPECT_TRUE(ping_from(a.netns, b.endpoint));
  net_->heal();  // twice is fine
}

TEST_F(NetnsLab, OneWayCutDropsOneDirectionOnly) {
  const NodeInfo& a = node("redis-1");
  const NodeInfo& b = node("redis-2");
  net_->cut_one_way("redis-1", "redis-2");
  EXPECT_FALSE(udp_gets_through(a.netns, b.netns, b.endpoint.host));
  EXPECT_TRUE(udp_gets_through(b.netns, a.netns, a.endpoint.host));
  net_->heal();
  EXPECT_TRUE(udp_gets_through(a.netns, b.netns, b.endpoint.host));
}

TEST_F(NetnsLab, HalfThePacketsAreLostAtFiftyPercent) {
  const NodeInfo& a = node("redis-1");
  // A UDP echo server inside redis-1's namespace; its replies leave redis-1 and meet the loss.
  int server = -1;
  run_in_netns(a.netns, [&] { server = udp_socket(a.endpoint.host, 9501); });
  std::atomic<bool> stop = false;
  std::thread echo([&] {
    char buf[64];
    sockaddr_in peer{};
    socklen_t len = sizeof peer;
    while (!stop) {
      ssize_t n = recvfrom(server, buf, sizeof buf, 0, reinterpret_cast<sockaddr*>(&peer), &len);
      if (n > 0) sendto(server, buf, n, 0, reinterpret_cast<sockaddr*>(&peer), len);
    }
  });
  net_->loss("redis-1", 50);
  int client = udp_socket("", 0);
  const int kSent = 400;
  for (int i = 0; i < kSent; ++i) {
    send_to(client, a.endpoint.host, 9501, std::to_string(i));
    if (i % 20 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  int received = 0;
  char buf[64];
  while (recv(client, buf, sizeof buf, 0) > 0) ++received;
  stop = true;
  echo.join();
  close(client);
  close(server);
  // 400 trials at p=0.5: the standard deviation is 10 packets; allow 7 of them.
  EXPECT_NEAR(received, kSent / 2, 70) << received << " of " << kSent << " echoes came back";
}

TEST_F(NetnsLab, BandwidthIsCappedWithinTolerance) {
  const NodeInfo& a = node("redis-1");
  const int kKbit = 16000;  // 2 MB/s
  const size_t kBytes = 1'000'000;
  net_->bandwidth("redis-1", kKbit);
  int listener = -1;
  run_in_netns(a.netns, [&] {
    listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(9502);
    inet_pton(AF_INET, a.endpoint.host.c_str(), &addr.sin_addr);
    int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    listen(listener, 1);
  });
  std::thread sender([&] {
    int fd = accept(listener, nullptr, nullptr);
    std::string chunk(64 * 1024, 'x');
    for (size_t sent = 0; sent < kBytes;) {
      ssize_t n = send(fd, chunk.data(), std::min(chunk.size(), kBytes - sent), MSG_NOSIGNAL);
      if (n <= 0) break;
      sent += static_cast<size_t>(n);
    }
    close(fd);
  });
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(9502);
  inet_pton(AF_INET, a.endpoint.host.c_str(), &addr.sin_addr);
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  Nanos start = mono_ns();
  size_t got = 0;
  char buf[65536];
  for (ssize_t n; (n = recv(fd, buf, sizeof buf, 0)) > 0;) got += static_cast<size_t>(n);
  double seconds = static_cast<double>(mono_ns() - start) / kSeconds;
  close(fd);
  sender.join();
  close(listener);
  ASSERT_EQ(got, kBytes);
  double kbit = got * 8 / 1000.0 / seconds;
  EXPECT_NEAR(kbit, kKbit, kKbit * 0.2) << got << " bytes in " << seconds << " s";
  net_->heal();
}

TEST_F(NetnsLab, LatencyIsAUsageError) {
  try {
    net_->latency("redis-1", 50 * kMillis, 0);
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_THAT(e.what(), HasSubstr("--hosts proxy"));
  }
  EXPECT_THROW(net_->partition({{"redis-1"}, {"nobody"}}), UsageError);
}

TEST_F(NetnsLab, ClientHostsJoinPartitions) {
  ClientHost client = lab_->hosts()->add_client_host("client-1");
  EXPECT_EQ(client.netns, "rrt-" + lab_name_ + "-client-1");
  EXPECT_EQ(client.route(node("redis-1").endpoint), node("redis-1").endpoint);
  EXPECT_TRUE(ping_from(client.netns, node("redis-1").endpoint));
  net_->partition({{"redis-1"}, {"redis-2", "client-1"}});
  EXPECT_FALSE(ping_from(client.netns, node("redis-1").endpoint));
  EXPECT_TRUE(ping_from(client.netns, node("redis-2").endpoint));
  net_->heal();
  EXPECT_TRUE(ping_from(client.netns, node("redis-1").endpoint));
}

TEST(NetnsCli, SentinelLabUpReadyAndDownLeavesNothing) {
  REQUIRE_ROOT();
  TempHome home;
  Nanos start = mono_ns();
  auto up = run_rrt({"lab", "up", "sentinel", "--hosts", "netns", "--name", "nsl"}, home.path());
  double seconds = static_cast<double>(mono_ns() - start) / kSeconds;
  ASSERT_EQ(up.exit_code, 0) << up.err;
  RecordProperty("lab_up_seconds", fmt::format("{:.2f}", seconds));
  std::printf("lab up sentinel --hosts netns: %.2f s\n", seconds);
  EXPECT_THAT(up.out, HasSubstr("export URL_S=redis://10.213."));
  EXPECT_THAT(shell("ip netns list"), HasSubstr("rrt-nsl-sentinel-3"));
  auto status = run_rrt({"lab", "status", "--name", "nsl", "-o", "json"}, home.path());
  ASSERT_EQ(status.exit_code, 0) << status.err;
  auto rows = nlohmann::json::parse(status.out);
  ASSERT_EQ(rows.size(), 6u);
  for (const auto& row : rows) EXPECT_EQ(row["state"], "running") << row.dump();
  EXPECT_EQ(rows[1]["link"], "up");

  auto down = run_rrt({"lab", "down", "--name", "nsl"}, home.path());
  EXPECT_EQ(down.exit_code, 0) << down.err;
  EXPECT_EQ(leftovers("nsl"), "");
  EXPECT_THAT(wait_no_processes_under(home.path(), 5), ::testing::IsEmpty());
}

TEST(NetnsCli, KilledOwnerIsCleanedByTheNextCommand) {
  REQUIRE_ROOT();
  TempHome home;
  auto up =
      run_rrt({"lab", "up", "replication", "--replicas", "1", "--hosts", "netns", "--name", "nsk"},
              home.path());
  ASSERT_EQ(up.exit_code, 0) << up.err;
  std::ifstream in(home.path() + "/labs/nsk/lab.json");
  auto record = nlohmann::json::parse(in);
  std::string bridge = record["net"]["bridge"];
  ASSERT_EQ(record["net"]["objects"].size(), 5u);  // bridge, 2 namespaces, 2 veths
  kill(record["owner_pid"].get<int>(), SIGKILL);
  // Still there at once. Looked at right away: any rrt command that sets up network namespaces
  // (another test's, under ctest -j2) also sweeps the objects of owners that died.
  EXPECT_THAT(shell("ip netns list"), HasSubstr("rrt-nsk-redis-1"));
  EXPECT_THAT(wait_no_processes_under(home.path(), 5), ::testing::IsEmpty());

  auto status = run_rrt({"lab", "status", "--name", "nsk"}, home.path());
  EXPECT_EQ(status.exit_code, 2);
  EXPECT_EQ(leftovers("nsk"), "");
  EXPECT_FALSE(std::filesystem::exists("/sys/class/net/" + bridge));
}

TEST(NetnsCli, InterruptedUpLeavesNothingAfterTheNextCommand) {
  REQUIRE_ROOT();
  TempHome home;
  int pid = rrt::testing::start_rrt({"lab", "up", "sentinel", "--hosts", "netns", "--name", "nsi"},
                                    home.path());
  std::this_thread::sleep_for(std::chrono::milliseconds(400));  // mid start-up
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  EXPECT_THAT(wait_no_processes_under(home.path(), 5), ::testing::IsEmpty());
  run_rrt({"lab", "status", "--name", "nsi"}, home.path());
  EXPECT_EQ(leftovers("nsi"), "");
}

TEST(NetnsCli, WithoutRootTheErrorNamesTheProxyMode) {
  REQUIRE_ROOT();  // to become someone else
  if (shell("command -v setpriv").empty()) GTEST_SKIP() << "no setpriv";
  TempHome home;
  std::filesystem::permissions(home.path(), std::filesystem::perms::all);
  std::string out = shell(fmt::format(
      "RRT_HOME={} setpriv --reuid=65534 --regid=65534 --clear-groups {} lab up standalone "
      "--hosts netns --name nr 2>&1; echo exit=$?",
      home.path(), RRT_BINARY));
  EXPECT_THAT(out, HasSubstr("needs root"));
  EXPECT_THAT(out, HasSubstr("--hosts proxy"));
  EXPECT_THAT(out, HasSubstr("exit=3"));
}

}  // namespace
}  // namespace rrt
