// `rrt bench` against a real redis-server: counts add up, the rate cap holds, errors are counted
// across a server restart, the history has two records per operation, remote targets are refused.
//
// The fixture is deliberately tiny (a shared lab fixture will replace it): it starts one
// redis-server on a free loopback port, waits for PING, and kills it in TearDown.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "resp/sync_client.h"

namespace rrt {
namespace {

int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  close(fd);
  return ntohs(a.sin_port);
}

// Runs a shell command line, returns its stdout and exit code.
std::pair<std::string, int> shell(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  std::string out;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
  int status = pclose(pipe);
  return {out, WIFEXITED(status) ? WEXITSTATUS(status) : -1};
}

class BenchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    port_ = free_port();
    start_server();
  }
  void TearDown() override { kill_server(); }

  void start_server() {
    pid_ = fork();
    if (pid_ == 0) {
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      std::string port = std::to_string(port_);
      execlp("redis-server", "redis-server", "--port", port.c_str(), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", "/tmp", "--logfile", "", "--loglevel",
             "warning", static_cast<char*>(nullptr));
      _exit(127);
    }
    for (int i = 0; i < 200; ++i) {
      SyncClient c;
      if (c.connect({"127.0.0.1", port_}, {}).ok() && c.call({"PING"}).ok()) return;
      usleep(20'000);
    }
    FAIL() << "redis-server did not answer PING on port " << port_;
  }

  void kill_server() {
    if (pid_ <= 0) return;
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_); }

  // Runs `rrt bench --url URL <args> -o json` and returns its report.
  nlohmann::json bench(const std::string& args) {
    auto [out, code] =
        shell(std::string(RRT_BINARY) + " bench --url " + url() + " " + args + " -o json");
    EXPECT_EQ(code, 0) << out;
    return code == 0 ? nlohmann::json::parse(out) : nlohmann::json::object();
  }

  // calls=N of one command in INFO commandstats (0 if never called).
  long long command_calls(const std::string& command) {
    SyncClient c;
    c.must_connect({"127.0.0.1", port_});
    std::string stats =
        info_field(c.must_call({"INFO", "commandstats"}).str(), "cmdstat_" + command);
    return stats.empty() ? 0 : std::stoll(stats.substr(stats.find("calls=") + 6));
  }

  int port_ = 0;
  pid_t pid_ = -1;
};

TEST_F(BenchTest, CountsAddUpAndTheServerAgrees) {
  nlohmann::json r = bench("-n 10000 -c 8 -P 4 --ratio 1:1 --keys 100");
  EXPECT_EQ(r["operations"], 10000);
  EXPECT_EQ(r["ok"].get<long long>() + r["fail"].get<long long>() + r["info"].get<long long>(),
            10000);
  EXPECT_EQ(r["ok"], 10000);
  EXPECT_EQ(command_calls("set"), 5000);
  EXPECT_EQ(command_calls("get"), 5000);
  EXPECT_GT(r["latency_ms"]["p50"].get<double>(), 0);
  EXPECT_LE(r["latency_ms"]["p99"].get<double>(), r["latency_ms"]["max"].get<double>());
}

TEST_F(BenchTest, RateCapHoldsWithinTolerance) {
  nlohmann::json r = bench("--rate 500 --duration 2 -c 10 -P 2");
  EXPECT_GE(r["operations"].get<int>(), 800);
  EXPECT_LE(r["operations"].get<int>(), 1200);
  EXPECT_EQ(command_calls("set"), r["ok"].get<long long>());
}

TEST_F(BenchTest, HistoryHasTwoRecordsPerOperation) {
  std::string path = ::testing::TempDir() + "bench_history_" + std::to_string(port_) + ".jsonl";
  nlohmann::json r = bench("-n 1000 -c 4 -P 4 --ratio 1:1 --history " + path);
  std::ifstream in(path);
  int invokes = 0, oks = 0, lines = 0;
  for (std::string line; std::getline(in, line); ++lines) {
    nlohmann::json op = nlohmann::json::parse(line);
    invokes += op["type"] == "invoke";
    oks += op["type"] == "ok";
    EXPECT_TRUE(op.contains("key") && op.contains("time") && op.contains("process")) << line;
  }
  EXPECT_EQ(lines, 2000);
  EXPECT_EQ(invokes, 1000);
  EXPECT_EQ(oks, 1000);
  EXPECT_EQ(r["history"]["bytes"].get<long long>(),
            static_cast<long long>(std::ifstream(path, std::ios::ate).tellg()));
  std::remove(path.c_str());
}

TEST_F(BenchTest, KeepsGoingThroughAServerRestart) {
  nlohmann::json r;
  std::thread load([&] { r = bench("--duration 3 -c 4 --timeout-ms 500"); });
  usleep(800'000);
  kill_server();  // connections are lost; reconnects are refused while the port is closed
  usleep(700'000);
  start_server();
  load.join();
  ASSERT_TRUE(r.contains("errors")) << r;
  EXPECT_GT(r["errors"].value("connect-refused", 0), 0) << r["errors"];
  EXPECT_GT(r["connects"].get<int>(), 4);  // reconnected after the restart
  EXPECT_EQ(r["ok"].get<long long>() + r["fail"].get<long long>() + r["info"].get<long long>(),
            r["operations"].get<long long>());
  EXPECT_GT(command_calls("set"), 0);  // ok again on the new server
}

// --allow-remote: every key under a run prefix, given a TTL while the load runs, removed after.
TEST_F(BenchTest, AllowRemoteWritesUnderARunPrefixAndRemovesItsKeys) {
  SyncClient c;
  c.must_connect({"127.0.0.1", port_});
  c.must_call({"SET", "user:keep", "mine"});
  nlohmann::json r = bench("--allow-remote --rate 400 --duration 2.5 -c 4 --keys 50");
  nlohmann::json keys = r["keys"];
  std::string prefix = keys.value("key_prefix", "");
  EXPECT_EQ(prefix.rfind("rrt:", 0), 0u) << keys;
  EXPECT_TRUE(keys["cleanup"].value("complete", false)) << keys;
  EXPECT_GT(keys["cleanup"].value("removed", 0), 0) << keys;
  EXPECT_LE(keys["cleanup"].value("removed", 0), 50) << keys;
  EXPECT_GE(keys["expiry"].value("sweeps", 0), 2) << keys;
  EXPECT_GT(command_calls("pexpire"), 0);  // the sweep gave the keys a TTL while they lived
  EXPECT_GT(command_calls("set"), 0);
  EXPECT_EQ(c.must_call({"DBSIZE"}).integer(), 1);  // only the user's key is left
  EXPECT_EQ(c.must_call({"GET", "user:keep"}).str(), "mine");
}

TEST(BenchSafety, RefusesRemoteTargetsWithoutAllowRemoteAndRate) {
  std::string rrt = RRT_BINARY;
  auto [out1, code1] = shell(rrt + " bench --url redis://192.0.2.1:6379 -n 10 2>&1");
  EXPECT_EQ(code1, 2) << out1;
  EXPECT_NE(out1.find("not a loopback address"), std::string::npos) << out1;
  auto [out2, code2] = shell(rrt + " bench --url redis://192.0.2.1:6379 --allow-remote -n 10 2>&1");
  EXPECT_EQ(code2, 2) << out2;
  EXPECT_NE(out2.find("--rate"), std::string::npos) << out2;
}

}  // namespace
}  // namespace rrt
