// `rrt lab`: a real lab comes up ready, reports itself, and leaves nothing behind however it ends.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <thread>

#include "base/clock.h"
#include "resp/sync_client.h"
#include "test_support.h"

namespace rrt {
namespace {

using rrt::testing::processes_under;
using rrt::testing::run_rrt;
using rrt::testing::TempHome;
using rrt::testing::wait_no_processes_under;
using ::testing::HasSubstr;

std::string role_of(int port) {
  SyncClient c;
  c.must_connect({"127.0.0.1", port});
  return info_field(c.must_call({"INFO", "replication"}).str(), "role");
}

TEST(Lab, ReplicationUpStatusDown) {
  TempHome home;
  auto up = run_rrt({"lab", "up", "replication", "--replicas", "1", "--name", "t1"}, home.path());
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_THAT(up.out, HasSubstr("export URL_M=redis://127.0.0.1:"));
  EXPECT_THAT(up.out, HasSubstr("export URL_R=redis://127.0.0.1:"));
  int master_port = std::stoi(up.out.substr(up.out.find("URL_M=redis://127.0.0.1:") + 24));
  EXPECT_EQ(role_of(master_port), "master");

  auto status = run_rrt({"lab", "status", "--name", "t1", "-o", "json"}, home.path());
  ASSERT_EQ(status.exit_code, 0) << status.err;
  auto rows = nlohmann::json::parse(status.out);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1]["role"], "replica");
  EXPECT_EQ(rows[1]["link"], "up");
  EXPECT_EQ(rows[1]["state"], "running");

  EXPECT_FALSE(processes_under(home.path()).empty());
  auto down = run_rrt({"lab", "down", "--name", "t1"}, home.path());
  EXPECT_EQ(down.exit_code, 0) << down.err;
  EXPECT_THAT(wait_no_processes_under(home.path(), 5), ::testing::IsEmpty());
  EXPECT_FALSE(std::filesystem::exists(home.path() + "/labs/t1"));
}

TEST(Lab, SentinelLabIsReadyWithQuorum) {
  TempHome home;
  auto up = run_rrt({"lab", "up", "sentinel", "--name", "s1"}, home.path());
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_THAT(up.out, HasSubstr("export URL_S="));
  int sentinel_port = std::stoi(up.out.substr(up.out.find("URL_S=redis://127.0.0.1:") + 24));
  SyncClient s;
  s.must_connect({"127.0.0.1", sentinel_port});
  EXPECT_THAT(std::string(s.must_call({"SENTINEL", "CKQUORUM", "mymaster"}).str()),
              HasSubstr("OK"));
  EXPECT_EQ(s.must_call({"SENTINEL", "SENTINELS", "mymaster"}).size(), 2u);
  EXPECT_EQ(s.must_call({"SENTINEL", "REPLICAS", "mymaster"}).size(), 2u);
  run_rrt({"lab", "down", "--name", "s1"}, home.path());
  EXPECT_THAT(wait_no_processes_under(home.path(), 5), ::testing::IsEmpty());
}

TEST(Lab, KilledOwnerTakesItsNodesAlongAndIsCleanedNextTime) {
  TempHome home;
  auto up = run_rrt({"lab", "up", "replication", "--replicas", "1", "--name", "k1"}, home.path());
  ASSERT_EQ(up.exit_code, 0) << up.err;
  std::ifstream in(home.path() + "/labs/k1/lab.json");
  auto record = nlohmann::json::parse(in);
  kill(record["owner_pid"].get<int>(), SIGKILL);
  EXPECT_THAT(wait_no_processes_under(home.path(), 5), ::testing::IsEmpty());
  auto status = run_rrt({"lab", "status", "--name", "k1"}, home.path());
  EXPECT_EQ(status.exit_code, 2);
  EXPECT_FALSE(std::filesystem::exists(home.path() + "/labs/k1"));
}

TEST(Lab, InterruptedUpLeavesNothing) {
  TempHome home;
  for (int signo : {SIGINT, SIGKILL}) {
    int pid = rrt::testing::start_rrt({"lab", "up", "sentinel", "--name", "i1"}, home.path());
    std::this_thread::sleep_for(std::chrono::milliseconds(700));  // mid start-up
    kill(pid, signo);
    waitpid(pid, nullptr, 0);
    EXPECT_THAT(wait_no_processes_under(home.path(), 5), ::testing::IsEmpty()) << signo;
  }
  auto status = run_rrt({"lab", "status", "--name", "i1"}, home.path());
  EXPECT_EQ(status.exit_code, 2);
}

TEST(Lab, PortInUseIsAClearError) {
  TempHome home;
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int port = 21000;
  for (; port < 22000; ++port) {
    addr.sin_port = htons(static_cast<uint16_t>(port));
    if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) break;
  }
  listen(fd, 1);
  auto up =
      run_rrt({"lab", "up", "standalone", "--name", "p1", "--base-port", std::to_string(port)},
              home.path());
  close(fd);
  EXPECT_EQ(up.exit_code, 3);
  EXPECT_THAT(up.err, HasSubstr(fmt::format("port {} is in use", port)));
  EXPECT_THAT(processes_under(home.path()), ::testing::IsEmpty());
}

TEST(Lab, BadFlagsAreUsageErrors) {
  TempHome home;
  EXPECT_EQ(run_rrt({"lab", "up", "sentinel", "--quorum", "5"}, home.path()).exit_code, 2);
  EXPECT_EQ(run_rrt({"lab", "up", "bogus"}, home.path()).exit_code, 2);
  EXPECT_EQ(run_rrt({"lab", "up", "--replicas", "x"}, home.path()).exit_code, 2);
  auto down = run_rrt({"lab", "down", "--name", "nope"}, home.path());
  EXPECT_EQ(down.exit_code, 2);
  EXPECT_THAT(down.err, HasSubstr("no lab named 'nope'"));
}

// `URL=$(rrt lab up ...)` and `rrt lab up ... | cat` return when rrt does: the lab's supervisor,
// which lives on, keeps none of the caller's descriptors (before the fix both waited for
// `rrt lab down`, here cut off by `timeout` after 60 s with exit code 124).
TEST(Lab, UpReturnsInCommandSubstitutionAndPipe) {
  TempHome home;
  std::string out = home.path() + "/shell.out", script = home.path() + "/up.sh";
  std::ofstream(script) << fmt::format(
      "export RRT_HOME='{}'\n"
      "URL=$('{}' lab up standalone --name cs1) && echo \"$URL\" &&\n"
      "'{}' lab up standalone --name cs2 | cat\n",
      home.path(), RRT_BINARY, RRT_BINARY);
  std::string command = fmt::format("timeout 60 sh '{}' > '{}' 2>&1", script, out);
  Nanos start = mono_ns();
  int status = std::system(command.c_str());
  double took = static_cast<double>(mono_ns() - start) / kSeconds;
  std::ifstream in(out);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << text;
  EXPECT_LT(took, 50) << text;
  EXPECT_THAT(text, HasSubstr("lab 'cs1' is ready"));
  EXPECT_THAT(text, HasSubstr("lab 'cs2' is ready"));
  EXPECT_THAT(text, HasSubstr("export URL_M=redis://127.0.0.1:"));
  for (const char* name : {"cs1", "cs2"}) {
    EXPECT_EQ(run_rrt({"lab", "down", "--name", name}, home.path()).exit_code, 0) << name;
  }
  EXPECT_THAT(wait_no_processes_under(home.path(), 5), ::testing::IsEmpty());
}

}  // namespace
}  // namespace rrt
