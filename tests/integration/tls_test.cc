// TLS end to end (docs/tls.md): a Sentinel lab started with --tls (rrt's own CA, TLS-only
// redis-server and redis-sentinel) answers ping, sentinel, bench and a short run with its CA;
// a wrong CA and plain TCP to a TLS port fail clearly and within their deadline; the lab leaves
// nothing behind. A scenario with `tls: true` runs a TLS Cluster lab (the Cluster client over
// TLS, the cluster bus with tls-cluster).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "lab/lab_certs.h"
#include "scenario_run.h"
#include "test_support.h"

namespace rrt {
namespace {

using rrt::testing::CommandResult;
using rrt::testing::json_of;
using rrt::testing::run_rrt;
using rrt::testing::TempHome;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using Clock = std::chrono::steady_clock;

class TlsLab : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    home_ = new TempHome();
    CommandResult up = run_rrt(
        {"lab", "up", "sentinel", "--tls", "--name", "tls", "--replicas", "1"}, home_->path(), 90);
    up_error_ = up.exit_code == 0 ? "" : "lab up --tls failed: " + up.err + up.out;
    if (!up_error_.empty()) return;
    env_ = up.out;
    std::ifstream in(home_->path() + "/labs/tls/lab.json");
    nlohmann::json lab = nlohmann::json::parse(in);
    for (const auto& n : lab["nodes"]) {
      std::string address =
          n["host"].get<std::string>() + ":" + std::to_string(n["port"].get<int>());
      if (n["role"] == "master") master_ = address;
      if (n["role"] == "sentinel" && sentinel_.empty()) sentinel_ = address;
    }
    ca_ = lab["spec"].value("tls_ca_cert", "");
  }

  static void TearDownTestSuite() {
    if (up_error_.empty()) {
      CommandResult down = run_rrt({"lab", "down", "--name", "tls"}, home_->path(), 30);
      EXPECT_EQ(down.exit_code, 0) << down.err;
      EXPECT_THAT(rrt::testing::wait_no_processes_under(home_->path(), 5), IsEmpty());
      EXPECT_FALSE(std::filesystem::exists(home_->path() + "/labs/tls"));
    }
    delete home_;
    home_ = nullptr;
  }

  void SetUp() override { ASSERT_EQ(up_error_, "") << up_error_; }

  static CommandResult rrt(const std::vector<std::string>& args, int timeout_s = 60) {
    return run_rrt(args, home_->path(), timeout_s);
  }

  static inline TempHome* home_ = nullptr;
  static inline std::string up_error_, env_, master_, sentinel_, ca_;
};

TEST_F(TlsLab, LabEnvPrintsRedissUrlsAndTheCa) {
  EXPECT_THAT(env_, HasSubstr("export URL_M=rediss://" + master_));
  EXPECT_THAT(env_, HasSubstr("export URL_S=rediss://" + sentinel_));
  EXPECT_THAT(env_, HasSubstr("export TLS_CACERT=" + ca_));
  EXPECT_TRUE(std::filesystem::exists(ca_)) << ca_;
  std::ifstream conf(home_->path() + "/labs/tls/redis-1/redis.conf");
  std::string text((std::istreambuf_iterator<char>(conf)), std::istreambuf_iterator<char>());
  EXPECT_THAT(text, HasSubstr("port 0\n"));
  EXPECT_THAT(text, HasSubstr("tls-replication yes"));
}

TEST_F(TlsLab, PingWithTheLabCaAndClientCertificate) {
  nlohmann::json m = json_of(rrt({"ping", "rediss://" + master_, "--cacert", ca_, "-o", "json"}));
  EXPECT_EQ(m.value("reply", ""), "PONG");
  EXPECT_EQ(m.value("role", ""), "master");
  EXPECT_EQ(m.value("address", ""), "rediss://" + master_);
  std::string dir = std::filesystem::path(ca_).parent_path();
  nlohmann::json s =
      json_of(rrt({"ping", "redis://" + sentinel_, "--tls", "--cacert", ca_, "--cert",
                   dir + "/client.crt", "--key", dir + "/client.key", "-o", "json"}));
  EXPECT_EQ(s.value("mode", ""), "sentinel");
}

TEST_F(TlsLab, WrongCaFailsClearly) {
  std::string other = home_->path() + "/other-ca";
  LabCerts wrong = write_lab_certs(other);
  auto start = Clock::now();
  CommandResult r = rrt({"ping", "rediss://" + master_, "--cacert", wrong.ca_cert()});
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_THAT(r.err, HasSubstr("TLS handshake with " + master_ +
                               " failed: certificate verify "
                               "failed"));
  EXPECT_THAT(r.err, HasSubstr("(CA " + wrong.ca_cert() + ")"));
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(10));
  CommandResult usage = rrt({"ping", "rediss://" + master_, "--cert", wrong.client_cert()});
  EXPECT_EQ(usage.exit_code, 2);
  EXPECT_THAT(usage.err, HasSubstr("needs --key"));
}

TEST_F(TlsLab, PlainTcpToATlsPortEndsAtTheDeadline) {
  auto start = Clock::now();
  CommandResult r = rrt({"ping", "redis://" + master_, "--timeout-ms", "1000"}, 30);
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_THAT(r.err, HasSubstr(master_));
  EXPECT_LT(seconds, 10) << r.err;
}

TEST_F(TlsLab, SentinelCommandsUseTheLabsCaOrTheFlags) {
  nlohmann::json m = json_of(rrt({"sentinel", "master", "--lab", "tls", "-o", "json"}));
  EXPECT_EQ(m.value("name", ""), "mymaster") << m;
  CommandResult status = rrt({"sentinel", "status", "--sentinel",
                              "sentinels://" + sentinel_ + "/mymaster", "--cacert", ca_});
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_THAT(status.out, HasSubstr(master_));
  CommandResult plain = rrt({"sentinel", "status", "--sentinel",
                             "sentinel://" + sentinel_ + "/mymaster", "--timeout-ms", "1000"});
  EXPECT_NE(plain.exit_code, 0);
}

TEST_F(TlsLab, BenchOverTlsCountsEveryRequest) {
  nlohmann::json fixed = json_of(rrt({"bench", "--url", "rediss://" + master_, "--cacert", ca_,
                                      "-n", "5000", "-c", "4", "-P", "4", "-o", "json"}));
  EXPECT_EQ(fixed.value("ok", 0), 5000) << fixed;
  nlohmann::json lab =
      json_of(rrt({"bench", "--lab", "tls", "-n", "2000", "-c", "2", "-o", "json"}));
  EXPECT_EQ(lab.value("ok", 0), 2000) << lab;
  EXPECT_THAT(lab.value("address", ""), HasSubstr("sentinels://"));
}

TEST_F(TlsLab, RunAgainstTheTlsLabAsATarget) {
  std::string yaml =
      "name: tls-target-counter\n"
      "duration: 3s\n"
      "workloads:\n  - kind: counter\n    clients: 2\n    rate: 100\n";
  std::string path = rrt::testing::write_scenario(home_->path(), "tls-target", yaml);
  rrt::testing::ScenarioRun run = rrt::testing::run_scenario_cli(
      {path, "--target", "sentinels://" + sentinel_ + "/mymaster", "--cacert", ca_}, home_->path(),
      60);
  EXPECT_EQ(run.command.exit_code, 0) << run.command.err << run.command.out;
  EXPECT_THAT(run.command.out, HasSubstr("verdict: pass"));
}

// A scenario asking for TLS gets a TLS lab of its own (here a Cluster: the Cluster client and
// the cluster bus over TLS), and leaves nothing behind.
TEST(TlsScenario, ClusterScenarioWithTlsTrue) {
  TempHome home;
  std::string yaml =
      "name: tls-cluster-counter\n"
      "topology:\n  kind: cluster\n  masters: 3\n  replicas: 0\n  tls: true\n"
      "duration: 3s\n"
      "workloads:\n  - kind: counter\n    clients: 2\n    keys: 6\n    rate: 200\n";
  std::string path = rrt::testing::write_scenario(home.path(), "tls-cluster", yaml);
  rrt::testing::ScenarioRun run = rrt::testing::run_scenario_cli({path}, home.path(), 90);
  EXPECT_EQ(run.command.exit_code, 0) << run.command.err << run.command.out;
  EXPECT_THAT(run.command.out, HasSubstr("verdict: pass"));
  nlohmann::json counter = rrt::testing::check_named(run.results, "counter");
  ASSERT_TRUE(counter.is_object()) << run.results;
  EXPECT_GT(counter.value("acknowledged", 0), 300) << run.results;  // 3 s at 200/s
  EXPECT_EQ(counter.value("lost", -1), 0) << run.results;
  EXPECT_THAT(rrt::testing::wait_no_processes_under(home.path(), 5), IsEmpty());
  std::error_code ec;
  EXPECT_TRUE(std::filesystem::is_empty(home.path() + "/labs", ec) || ec) << "a lab dir is left";
}

}  // namespace
}  // namespace rrt
