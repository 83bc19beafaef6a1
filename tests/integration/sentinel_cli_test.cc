// `rrt ping` and `rrt sentinel ...` against one real Sentinel lab (1 master, 2 replicas,
// 3 sentinels), shared by the suite's tests to keep it short: the queries name the lab's nodes,
// a forced failover is seen by `wait` and `watch`, and both stop within their bounds.
// The suite's tests run in order: the failover test changes the master, so it comes last.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "resp/sync_client.h"
#include "test_support.h"

namespace rrt {
namespace {

using rrt::testing::CommandResult;
using rrt::testing::json_of;
using rrt::testing::parse_or_empty;
using rrt::testing::run_rrt;
using rrt::testing::TempHome;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// A loopback port with a listener that never accepts: connects succeed (the kernel's backlog),
// requests are never answered. With close_now, a port nobody listens on.
class LoopbackPort {
 public:
  explicit LoopbackPort(bool close_now) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    listen(fd_, 8);
    getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    if (close_now) close_fd();
  }
  ~LoopbackPort() { close_fd(); }
  int port() const { return port_; }
  std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_); }

 private:
  void close_fd() {
    if (fd_ >= 0) close(fd_);
    fd_ = -1;
  }
  int fd_ = -1;
  int port_ = 0;
};

TEST(Ping, ClosedPortIsAnEnvironmentErrorNamingTheAddress) {
  TempHome home;
  LoopbackPort closed(/*close_now=*/true);
  auto start = Clock::now();
  CommandResult r = run_rrt({"ping", closed.url(), "--timeout-ms", "1000"}, home.path(), 20);
  EXPECT_LT(seconds_since(start), 5.0);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_THAT(r.err, HasSubstr("127.0.0.1:" + std::to_string(closed.port())));
  EXPECT_THAT(r.err, HasSubstr("deadline 1000 ms"));
}

TEST(Ping, SilentServerEndsAtTheDeadline) {
  TempHome home;
  LoopbackPort silent(/*close_now=*/false);
  auto start = Clock::now();
  CommandResult r = run_rrt({"ping", silent.url(), "--timeout-ms", "300"}, home.path(), 20);
  double took = seconds_since(start);
  EXPECT_GE(took, 0.3);
  EXPECT_LT(took, 4.0);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_THAT(r.err, HasSubstr("127.0.0.1:" + std::to_string(silent.port())));
  EXPECT_THAT(r.err, HasSubstr("300 ms"));
}

struct LabNodes {
  std::string master;
  std::set<std::string> replicas, sentinels;  // "host:port"
};

class SentinelCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    home_ = new TempHome();
    CommandResult up = run_rrt({"lab", "up", "sentinel", "--name", "fs"}, home_->path(), 90);
    up_error_ = up.exit_code == 0 ? "" : "lab up failed: " + up.err;
    if (!up_error_.empty()) return;
    std::ifstream in(home_->path() + "/labs/fs/lab.json");
    nlohmann::json lab = nlohmann::json::parse(in);
    for (const auto& n : lab["nodes"]) {
      std::string address =
          n["host"].get<std::string>() + ":" + std::to_string(n["port"].get<int>());
      if (n["role"] == "master") nodes_.master = address;
      if (n["role"] == "replica") nodes_.replicas.insert(address);
      if (n["role"] == "sentinel") nodes_.sentinels.insert(address);
    }
  }

  static void TearDownTestSuite() {
    CommandResult down = run_rrt({"lab", "down", "--name", "fs"}, home_->path(), 30);
    EXPECT_EQ(down.exit_code, 0) << down.err;
    EXPECT_THAT(rrt::testing::wait_no_processes_under(home_->path(), 5), IsEmpty());
    delete home_;  // kills whatever is left, even after a failed test
    home_ = nullptr;
  }

  void SetUp() override { ASSERT_EQ(up_error_, "") << up_error_; }

  // `rrt sentinel <args> --lab fs`.
  static CommandResult sentinel(std::vector<std::string> args, int timeout_s = 30) {
    args.insert(args.begin(), "sentinel");
    args.push_back("--lab");
    args.push_back("fs");
    return run_rrt(args, home_->path(), timeout_s);
  }

  static std::string address_of(const nlohmann::json& row) {
    return row.value("ip", "") + ":" + std::to_string(row.value("port", 0));
  }

  static inline TempHome* home_ = nullptr;
  static inline std::string up_error_;
  static inline LabNodes nodes_;
};

TEST_F(SentinelCli, PingReportsRoleAndMode) {
  nlohmann::json m =
      json_of(run_rrt({"ping", "redis://" + nodes_.master, "-o", "json"}, home_->path()));
  ASSERT_TRUE(m.contains("version")) << m;
  EXPECT_EQ(m["reply"], "PONG");
  EXPECT_EQ(m["role"], "master");
  EXPECT_EQ(m["mode"], "standalone");
  EXPECT_THAT(m["version"].get<std::string>(), ::testing::MatchesRegex("[0-9]+\\.[0-9]+.*"));
  nlohmann::json r = json_of(
      run_rrt({"ping", "redis://" + *nodes_.replicas.begin(), "-o", "json"}, home_->path()));
  EXPECT_EQ(r["role"], "slave");
  nlohmann::json s = json_of(
      run_rrt({"ping", "redis://" + *nodes_.sentinels.begin(), "-o", "json"}, home_->path()));
  EXPECT_EQ(s["mode"], "sentinel");
  CommandResult text = run_rrt({"ping", "redis://" + nodes_.master}, home_->path());
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr(nodes_.master));
  EXPECT_THAT(text.out, HasSubstr("PONG"));
}

TEST_F(SentinelCli, PingAuthenticatesAsAnAclUser) {
  SyncClient admin;
  size_t colon = nodes_.master.rfind(':');
  admin.must_connect({nodes_.master.substr(0, colon), std::stoi(nodes_.master.substr(colon + 1))});
  admin.must_call({"ACL", "SETUSER", "rrt-test", "on", ">s3cret", "~*", "+@all"});
  CommandResult ok = run_rrt({"ping", "redis://rrt-test:s3cret@" + nodes_.master}, home_->path());
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_THAT(ok.out, ::testing::Not(HasSubstr("s3cret")));  // the address shown is redacted
  CommandResult bad = run_rrt({"ping", "redis://rrt-test:wrong@" + nodes_.master}, home_->path());
  EXPECT_EQ(bad.exit_code, 3);
  EXPECT_THAT(bad.err, HasSubstr("WRONGPASS"));
  EXPECT_THAT(bad.err, ::testing::Not(HasSubstr("wrong@")));
  admin.must_call({"ACL", "DELUSER", "rrt-test"});
}

TEST_F(SentinelCli, QueriesNameTheLabsNodes) {
  CommandResult status = sentinel({"status"});
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_THAT(status.out, HasSubstr(nodes_.master));
  EXPECT_EQ(json_of(sentinel({"status", "-o", "json"}))["master"], nodes_.master);

  nlohmann::json master = json_of(sentinel({"master", "-o", "json"}));
  EXPECT_EQ(address_of(master), nodes_.master);
  EXPECT_EQ(master["name"], "mymaster");
  EXPECT_EQ(master["flags"], "master");
  EXPECT_EQ(master["num-slaves"], 2);
  EXPECT_EQ(master["num-other-sentinels"], 2);
  EXPECT_EQ(master["quorum"], 2);

  nlohmann::json replicas = json_of(sentinel({"replicas", "-o", "json"}));
  std::set<std::string> seen;
  for (const auto& row : replicas) {
    seen.insert(address_of(row));
    EXPECT_EQ(row["flags"], "slave");
    EXPECT_EQ(row["master-link-status"], "ok");
  }
  EXPECT_EQ(seen, nodes_.replicas);

  // Each sentinel lists the others: two of the lab's three.
  nlohmann::json others = json_of(sentinel({"sentinels", "-o", "json"}));
  ASSERT_EQ(others.size(), 2u);
  for (const auto& row : others) EXPECT_EQ(nodes_.sentinels.count(address_of(row)), 1u);

  CommandResult table = sentinel({"replicas"});
  for (const auto& r : nodes_.replicas) {
    EXPECT_THAT(table.out, HasSubstr(r.substr(r.rfind(':') + 1)));  // the port column
  }
}

TEST_F(SentinelCli, BadTargetsAreClearErrors) {
  CommandResult unknown = sentinel({"status", "--master", "nope"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.err, HasSubstr("mymaster"));  // lists the masters the sentinel knows
  LoopbackPort closed(/*close_now=*/true);
  auto start = Clock::now();
  CommandResult watch = sentinel({"watch", "--sentinel", closed.url(), "--for", "20"});
  EXPECT_LT(seconds_since(start), 10.0);
  EXPECT_EQ(watch.exit_code, 3);
  EXPECT_THAT(watch.err, HasSubstr("127.0.0.1:" + std::to_string(closed.port())));
}

TEST_F(SentinelCli, WatchStopsAfterItsDuration) {
  auto start = Clock::now();
  CommandResult watch = sentinel({"watch", "--for", "1"});
  double took = seconds_since(start);
  EXPECT_EQ(watch.exit_code, 0) << watch.err;
  EXPECT_GE(took, 1.0);
  EXPECT_LT(took, 5.0);
}

// Kills the background `rrt sentinel wait` if the test ends before it does.
struct ChildGuard {
  int pid;
  ~ChildGuard() {
    if (pid > 0 && waitpid(pid, nullptr, WNOHANG) == 0) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
    }
  }
};

// Waits up to `timeout_s` for `pid`; returns its exit code, or -1 if it had to be killed.
int wait_exit(int pid, double timeout_s) {
  auto start = Clock::now();
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (seconds_since(start) > timeout_s) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

// The same lab seen from another RRT_HOME is a deployment this rrt did not start: a failover
// there needs --allow-faults, and without it nothing changes.
TEST_F(SentinelCli, FailoverOnForeignSentinelsNeedsAllowFaults) {
  TempHome elsewhere;
  std::string url = "redis://" + *nodes_.sentinels.begin();
  CommandResult refused =
      run_rrt({"sentinel", "failover", "--sentinel", url, "-o", "json"}, elsewhere.path(), 30);
  EXPECT_EQ(refused.exit_code, 2) << refused.err;
  EXPECT_THAT(refused.err, HasSubstr("--allow-faults"));
  EXPECT_THAT(refused.err, HasSubstr(*nodes_.sentinels.begin()));
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // a failover would have begun
  EXPECT_EQ(json_of(sentinel({"status", "-o", "json"})).value("master", ""), nodes_.master);
  nlohmann::json info = json_of(sentinel({"master", "-o", "json"}));
  EXPECT_THAT(info.value("flags", ""), Not(HasSubstr("failover")));

  CommandResult allowed =
      run_rrt({"sentinel", "failover", "--sentinel", url, "--allow-faults", "-o", "json"},
              elsewhere.path(), 30);
  EXPECT_EQ(allowed.exit_code, 0) << allowed.err;
  EXPECT_EQ(parse_or_empty(allowed.out)["previous"], nodes_.master) << allowed.out;
}

// A sentinel named by URL that is a node of this home's lab needs no extra consent.
TEST_F(SentinelCli, FailoverOnOwnLabByUrlIsAllowed) {
  std::string url = "redis://" + *nodes_.sentinels.begin();
  CommandResult r =
      run_rrt({"sentinel", "failover", "--sentinel", url, "-o", "json"}, home_->path(), 30);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(parse_or_empty(r.out)["previous"], nodes_.master) << r.out;
}

TEST_F(SentinelCli, FailoverIsSeenByWaitAndWatch) {
  int wait_pid = rrt::testing::start_rrt(
      {"sentinel", "wait", "--timeout", "30", "--lab", "fs", "-o", "json"}, home_->path());
  ChildGuard guard{wait_pid};
  CommandResult watch;
  auto watch_start = Clock::now();
  double watch_took = 0;
  std::thread watcher([&] {
    // Every sentinel publishes its own +switch-master: stop after two of them.
    watch = sentinel({"watch", "*switch-master*", "--count", "2", "--for", "25"}, 40);
    watch_took = seconds_since(watch_start);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(700));  // both subscribed

  CommandResult failover = sentinel({"failover", "-o", "json"});
  EXPECT_EQ(failover.exit_code, 0) << failover.err;
  nlohmann::json started = parse_or_empty(failover.out);
  EXPECT_EQ(started["previous"], nodes_.master) << failover.out;

  int wait_code = wait_exit(wait_pid, 30);
  watcher.join();
  EXPECT_EQ(wait_code, 0);
  std::ifstream bg(home_->path() + "/bg.out");
  std::stringstream bg_text;
  bg_text << bg.rdbuf();
  nlohmann::json switched = parse_or_empty(bg_text.str());
  EXPECT_EQ(switched["previous"], nodes_.master) << switched;
  std::string new_master = switched.value("master", "");
  EXPECT_EQ(nodes_.replicas.count(new_master), 1u) << new_master;

  EXPECT_EQ(watch.exit_code, 0) << watch.err;
  EXPECT_LT(watch_took, 20.0);  // ended by --count, not by --for
  std::vector<std::string> lines = lines_of(watch.out);
  ASSERT_EQ(lines.size(), 2u) << watch.out;
  for (const auto& line : lines) {
    EXPECT_THAT(line, HasSubstr("+switch-master"));
    EXPECT_THAT(line, HasSubstr(new_master.substr(0, new_master.rfind(':')) + " " +
                                new_master.substr(new_master.rfind(':') + 1)));
  }

  // `status` follows the new master (each sentinel updates within a moment of the switch).
  std::string now;
  for (auto start = Clock::now(); seconds_since(start) < 10;) {
    now = json_of(sentinel({"status", "-o", "json"})).value("master", "");
    if (now == new_master) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_EQ(now, new_master);
}

}  // namespace
}  // namespace rrt

namespace rrt {
namespace {

// `rrt bench` without --url loads the lab's master through its sentinels and follows a failover
// after the master died: the clients see their connections break, ask the sentinels again and
// go on against the new master. (Last in the file: it kills the master, which the other tests
// expect where the lab put it.) After a manual failover the clients would instead go on writing
// to the old master until Sentinel demotes it, as sentinel-manual-failover shows.
TEST_F(SentinelCli, BenchFollowsTheMasterThroughAKill) {
  CommandResult bench;
  std::thread runner([&] {
    bench = run_rrt({"bench", "--lab", "fs", "-c", "4", "--rate", "4000", "--duration", "9",
                     "--history", home_->path() + "/bench.jsonl", "-o", "json"},
                    home_->path(), 40);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  CommandResult kill = sentinel({"kill", "--timeout", "20"}, 30);
  runner.join();
  EXPECT_EQ(kill.exit_code, 0) << kill.out << kill.err;
  nlohmann::json report = json_of(bench);
  EXPECT_THAT(report.value("address", ""), HasSubstr("sentinel://")) << bench.out;
  EXPECT_GT(report.value("connects", 0), 4) << "the clients reconnected: " << bench.out;
  EXPECT_GT(report.value("fail", 0) + report.value("info", 0), 0) << bench.out;
  EXPECT_EQ(report.value("operations", 0),
            report.value("ok", 0) + report.value("fail", 0) + report.value("info", 0));
  std::set<std::string> ok_nodes;
  std::ifstream history(home_->path() + "/bench.jsonl");
  for (std::string line; std::getline(history, line);) {
    nlohmann::json op = nlohmann::json::parse(line);
    if (op["type"] == "ok") ok_nodes.insert(op.value("node", ""));
  }
  EXPECT_EQ(ok_nodes.size(), 2u) << "writes on the master before the kill and on the new one";
}

// Ctrl-C (SIGINT) or SIGTERM ends `rrt sentinel watch` at once and cleanly (base/interrupt.h),
// long before its --for.
TEST_F(SentinelCli, WatchEndsOnCtrlCAndSigterm) {
  for (int signo : {SIGINT, SIGTERM}) {
    int pid =
        rrt::testing::start_rrt({"sentinel", "watch", "--lab", "fs", "--for", "60"}, home_->path());
    ChildGuard guard{pid};
    std::this_thread::sleep_for(std::chrono::milliseconds(700));  // subscribed
    ASSERT_EQ(waitpid(pid, nullptr, WNOHANG), 0) << "watch ended before the signal";
    auto start = Clock::now();
    kill(pid, signo);
    EXPECT_EQ(wait_exit(pid, 10), 0) << "signal " << signo;
    EXPECT_LT(seconds_since(start), 5.0) << "signal " << signo;
  }
}

}  // namespace
}  // namespace rrt
