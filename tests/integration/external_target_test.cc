// `rrt run --target` against a password-protected lab started here and treated as a deployment
// rrt did not start: the run works through redis:// and sentinel:// URLs, writes only keys under
// its run prefix and removes them, never shows the password, and refuses faults unless allowed.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "lab/lab.h"
#include "resp/sync_client.h"
#include "test_support.h"
#include "topo/discovery.h"

namespace rrt {
namespace {

namespace fs = std::filesystem;
using rrt::testing::CommandResult;
using rrt::testing::nemesis_events;
using rrt::testing::run_rrt;
using rrt::testing::TempHome;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kPassword[] = "s3cret-Pw-4f9e1";

// A lab that is not rrt run's own: started in this process, with a password.
class ForeignLab {
 public:
  ForeignLab(const std::string& kind, const std::string& home,
             std::map<std::string, std::string> redis_config = {})
      : lab_(spec(kind, home, std::move(redis_config))) {
    lab_.start();
  }
  Lab& lab() { return lab_; }
  Endpoint first(Role role) const { return lab_.topology().with_role(role).at(0).endpoint; }
  // A client of the current master (the sentinels' answer, if there are sentinels).
  SyncClient& master() {
    ConnectOptions o = lab_.spec().connect_options(2 * kSeconds);
    Topology t = lab_.topology();
    client_.must_connect(t.sentinel_endpoints().empty()
                             ? first(Role::kMaster)
                             : master_from_sentinels(t.sentinel_endpoints(), t.master_name, o),
                         o);
    return client_;
  }

 private:
  static LabSpec spec(const std::string& kind, const std::string& home,
                      std::map<std::string, std::string> redis_config) {
    setenv("RRT_HOME", home.c_str(), 1);
    LabSpec s;
    s.redis_config = std::move(redis_config);
    s.name = fmt::format("foreign-{}-{}", kind, getpid());
    s.kind = must_parse_topology_kind(kind, "kind");
    s.replicas = 1;
    s.sentinels = 3;
    s.quorum = 2;
    s.password = kPassword;
    return s;
  }
  Lab lab_;
  SyncClient client_;
};

long long key_count(SyncClient& c, const std::string& pattern) {
  long long n = 0;
  std::string cursor = "0";
  for (int i = 0; i < 1000; ++i) {
    Reply r = c.must_call({"SCAN", cursor, "MATCH", pattern, "COUNT", "1000"});
    cursor = std::string(r.at(0).str());
    n += static_cast<long long>(r.at(1).size());
    if (cursor == "0") break;
  }
  return n;
}

// Every file under `dir` (recursively) that contains `needle`.
std::vector<std::string> files_containing(const std::string& dir, const std::string& needle) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::recursive_directory_iterator(dir, ec)) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path());
    std::stringstream text;
    text << in.rdbuf();
    if (text.str().find(needle) != std::string::npos) out.push_back(e.path().string());
  }
  return out;
}

std::string write_file(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
  return path;
}

// The run directory printed by `rrt run`, or "".
std::string run_dir(const CommandResult& r) {
  const std::string marker = "run directory: ";
  size_t at = r.out.rfind(marker);
  if (at == std::string::npos) return "";
  std::string dir = r.out.substr(at + marker.size());
  return dir.substr(0, dir.find('\n'));
}

nlohmann::json results_of(const std::string& dir) {
  std::ifstream in(dir + "/results.json");
  return in ? nlohmann::json::parse(in) : nlohmann::json();
}

constexpr char kCounterYaml[] = R"(name: external-counter
summary: counter and set through the target
duration: 3s
workloads:
  - kind: counter
    clients: 4
  - kind: set
    clients: 2
)";

TEST(ExternalTarget, ReplicationRunWritesOnlyItsPrefixAndRemovesIt) {
  TempHome home;
  ForeignLab foreign("replication", home.path());
  foreign.master().must_call({"SET", "user:keep", "mine"});
  std::string yaml = write_file(home.path() + "/s.yaml", kCounterYaml);
  std::string pwfile = write_file(home.path() + "/pw", std::string(kPassword) + "\n");
  std::string url =
      "redis://" + foreign.first(Role::kReplica).to_string();  // a replica: rrt finds the master
  CommandResult r = run_rrt({"run", yaml, "--target", url, "--password-file", pwfile, "--max-rate",
                             "400", "--runs-dir", home.path() + "/runs"},
                            home.path(), 60);
  ASSERT_THAT(r.exit_code, ::testing::AnyOf(0, 1)) << r.out << r.err;
  std::string dir = run_dir(r);
  nlohmann::json results = results_of(dir);
  ASSERT_TRUE(results.is_object()) << r.out;
  EXPECT_EQ(results["verdict"], "pass") << results.dump(2);
  std::string prefix = results["target"]["key_prefix"];
  EXPECT_THAT(prefix, ::testing::MatchesRegex("rrt:[0-9a-f]+-[0-9a-f]+:"));
  EXPECT_EQ(results["target"]["url"], url);
  EXPECT_TRUE(results["target"]["cleanup"]["complete"]) << results["target"].dump();
  EXPECT_GE(results["target"]["cleanup"]["removed"].get<int>(), 2);  // counter + set keys
  EXPECT_GE(results["target"]["expiry"]["sweeps"].get<int>(), 1) << results["target"].dump();
  EXPECT_EQ(results["target"]["expiry"]["ttl_s"], 600);
  // 3 s at 400 ops/s at most (plus final reads): the cap held.
  EXPECT_LE(results["ops"].get<int>(), 3 * 400 + 50);
  EXPECT_GT(results["ops"].get<int>(), 100);
  SyncClient& c = foreign.master();
  EXPECT_EQ(key_count(c, "rrt:*"), 0);              // everything rrt wrote is gone...
  EXPECT_EQ(c.must_call({"DBSIZE"}).integer(), 1);  // ...and all it wrote was under the prefix
  EXPECT_EQ(c.must_call({"GET", "user:keep"}).str(), "mine");
  EXPECT_THAT(files_containing(dir, kPassword), ::testing::IsEmpty());
  EXPECT_THAT(r.out + r.err, ::testing::Not(HasSubstr(kPassword)));
}

// PTTL of every key matching `pattern` (-1: no TTL).
std::vector<long long> ttls_of(SyncClient& c, const std::string& pattern) {
  std::vector<long long> ttls;
  std::string cursor = "0";
  for (int i = 0; i < 1000; ++i) {
    Reply r = c.must_call({"SCAN", cursor, "MATCH", pattern, "COUNT", "1000"});
    cursor = std::string(r.at(0).str());
    for (size_t k = 0; k < r.at(1).size(); ++k)
      ttls.push_back(c.must_call({"PTTL", std::string(r.at(1).at(k).str())}).integer());
    if (cursor == "0") break;
  }
  return ttls;
}

// kill -9 in the middle of a run skips the cleanup: the keys it wrote must still expire.
TEST(ExternalTarget, KeysOfAKilledRunCarryATtl) {
  TempHome home;
  ForeignLab foreign("replication", home.path());
  std::string yaml = write_file(home.path() + "/s.yaml", R"(name: killed-counter
duration: 60s
workloads:
  - kind: counter
    clients: 2
)");
  std::string url = "redis://" + foreign.first(Role::kMaster).to_string();
  setenv("RRT_PASSWORD", kPassword, 1);
  int pid = rrt::testing::start_rrt(
      {"run", yaml, "--target", url, "--runs-dir", home.path() + "/runs"}, home.path());
  unsetenv("RRT_PASSWORD");
  SyncClient& c = foreign.master();
  auto all_expiring = [&] {
    std::vector<long long> ttls = ttls_of(c, "rrt:*");
    return !ttls.empty() &&
           std::all_of(ttls.begin(), ttls.end(), [](long long t) { return t > 0; });
  };
  auto start = std::chrono::steady_clock::now();
  while (!all_expiring() && std::chrono::steady_clock::now() - start < std::chrono::seconds(20))
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // in-flight writes land
  std::vector<long long> ttls = ttls_of(c, "rrt:*");
  ASSERT_FALSE(ttls.empty()) << "the run wrote no key before it was killed";
  for (long long ttl : ttls) {
    EXPECT_GT(ttl, 0) << "a key of the killed run would live forever";
    EXPECT_LE(ttl, 10 * 60 * 1000);  // run_key_ttl(60 s): 10 minutes
  }
}

// A password given in the URL (the least safe way) is used but never recorded: results.json
// holds the URL without credentials and no file of the run directory holds the password.
TEST(ExternalTarget, PasswordInTheUrlIsNeverRecorded) {
  TempHome home;
  ForeignLab foreign("replication", home.path());
  std::string yaml = write_file(home.path() + "/s.yaml", kCounterYaml);
  std::string address = foreign.first(Role::kMaster).to_string();
  std::string url = "redis://default:" + std::string(kPassword) + "@" + address;
  CommandResult r =
      run_rrt({"run", yaml, "--target", url, "--runs-dir", home.path() + "/runs"}, home.path(), 60);
  ASSERT_THAT(r.exit_code, ::testing::AnyOf(0, 1)) << r.out << r.err;
  std::string dir = run_dir(r);
  nlohmann::json results = results_of(dir);
  ASSERT_TRUE(results.is_object()) << r.out;
  EXPECT_EQ(results["target"]["url"], "redis://" + address);
  EXPECT_GT(results["ops"].get<int>(), 10);  // the password from the URL was used
  EXPECT_THAT(files_containing(dir, kPassword), ::testing::IsEmpty());
  EXPECT_THAT(r.out + r.err, ::testing::Not(HasSubstr(kPassword)));
}

TEST(ExternalTarget, SentinelRunWithRemoteFaultAndPasswordFromEnvironment) {
  TempHome home;
  ForeignLab foreign("sentinel", home.path());
  std::string yaml = write_file(home.path() + "/s.yaml", std::string(kCounterYaml) + R"(faults:
  - client-pause: {target: master, mode: write}
    at: 1s
    for: 500ms
)");
  std::string url = fmt::format("sentinel://{},{}/mymaster",
                                foreign.lab().topology().sentinel_endpoints().at(0).to_string(),
                                foreign.lab().topology().sentinel_endpoints().at(1).to_string());
  setenv("RRT_PASSWORD", kPassword, 1);
  CommandResult r =
      run_rrt({"run", yaml, "--target", url, "--allow-faults", "--runs-dir", home.path() + "/runs"},
              home.path(), 60);
  unsetenv("RRT_PASSWORD");
  // 0, 1 or 4: the failover-anatomy check may find no failover after a short pause.
  ASSERT_THAT(r.exit_code, ::testing::AnyOf(0, 1, 4)) << r.out << r.err;
  std::string dir = run_dir(r);
  nlohmann::json results = results_of(dir);
  ASSERT_TRUE(results.is_object()) << r.out;
  EXPECT_TRUE(results["target"]["cleanup"]["complete"]) << results["target"].dump();
  EXPECT_THAT(r.out, HasSubstr("client-pause start"));
  std::ifstream events(dir + "/events.jsonl");
  std::string text((std::istreambuf_iterator<char>(events)), {});
  EXPECT_THAT(text, HasSubstr("\"sentinel-3\""));  // the third sentinel was discovered
  EXPECT_THAT(text, Not(HasSubstr("fault-error")));
  SyncClient& c = foreign.master();
  EXPECT_EQ(key_count(c, "rrt:*"), 0);
  EXPECT_THAT(files_containing(dir, kPassword), ::testing::IsEmpty());
  EXPECT_THAT(r.out + r.err, ::testing::Not(HasSubstr(kPassword)));
}

TEST(ExternalTarget, FaultsRefusedWithoutAllowFaultsAndProcessFaultsAlways) {
  TempHome home;
  std::string runs = home.path() + "/runs";
  // Refused before anything connects: no deployment needed at this address.
  CommandResult r = run_rrt({"run", "sentinel-kill-master", "--target",
                             "sentinel://127.0.0.1:1/mymaster", "--runs-dir", runs},
                            home.path(), 20);
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr("fault 'kill'"));
  EXPECT_THAT(r.err, HasSubstr("--allow-faults"));
  r = run_rrt({"run", "sentinel-partition-split-brain", "--target",
               "sentinel://127.0.0.1:1/mymaster", "--allow-faults", "--runs-dir", runs},
              home.path(), 20);
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr("fault 'partition' at 5s cannot run on sentinel://127.0.0.1:1"));
  EXPECT_THAT(r.err, HasSubstr("network faults need a network rrt started"));
  r = run_rrt(
      {"run", "sentinel-kill-master", "--target", "cluster://127.0.0.1:7000", "--runs-dir", runs},
      home.path(), 20);
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr("Redis Cluster targets are not supported"));
  EXPECT_FALSE(fs::exists(runs)) << "a refused run must not create a run directory";
}

TEST(ExternalTarget, WrongPasswordIsAnEnvironmentErrorWithoutThePassword) {
  TempHome home;
  ForeignLab foreign("replication", home.path());
  std::string yaml = write_file(home.path() + "/s.yaml", kCounterYaml);
  std::string url = "redis://:wrong-Pw-77@" + foreign.first(Role::kMaster).to_string();
  CommandResult r =
      run_rrt({"run", yaml, "--target", url, "--runs-dir", home.path() + "/runs"}, home.path(), 30);
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_THAT(r.out + r.err, ::testing::Not(HasSubstr("wrong-Pw-77")));
}

struct SupervisedRun {
  CommandResult command;
  int restarts = 0;
};

// Runs `rrt <args>` in the background while acting as the deployment's supervisor, as systemd's
// Restart=always with RestartSec would: a data node of `lab` that stopped is started again
// `delay` later, with its own configuration.
SupervisedRun run_supervised(const std::vector<std::string>& args, const std::string& home,
                             Lab& lab, Nanos delay, int timeout_s) {
  SupervisedRun out;
  int pid = rrt::testing::start_rrt(args, home);
  std::map<std::string, Nanos> down_since;
  Nanos deadline = mono_ns() + timeout_s * kSeconds;
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (mono_ns() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      break;
    }
    for (const auto& n : lab.topology().nodes) {
      if (n.role == Role::kSentinel || lab.running(n.name)) continue;
      Nanos& since = down_since.try_emplace(n.name, mono_ns()).first->second;
      if (mono_ns() - since < delay) continue;
      lab.restart(n.name);
      down_since.erase(n.name);
      ++out.restarts;
    }
    usleep(50'000);
  }
  out.command.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::ifstream o(home + "/bg.out"), e(home + "/bg.err");
  out.command.out.assign(std::istreambuf_iterator<char>(o), {});
  out.command.err.assign(std::istreambuf_iterator<char>(e), {});
  return out;
}

std::string sentinel_url(ForeignLab& foreign) {
  std::vector<Endpoint> s = foreign.lab().topology().sentinel_endpoints();
  return fmt::format("sentinel://{},{}/mymaster", s.at(0).to_string(), s.at(1).to_string());
}

nlohmann::json check_of(const nlohmann::json& results, const std::string& name) {
  for (const auto& c : results["checks"]) {
    if (c["name"] == name) return c;
  }
  return nullptr;
}

// The shipped kill scenario through sentinel:// only: kill is SHUTDOWN NOSAVE, confirmed when the
// master stops answering; the sentinels fail over as usual; the test's supervisor restarts the
// node 4 s later and the fault's stop waits for it to answer again.
TEST(ExternalTargetFaults, SentinelKillMasterThroughShutdownWithASupervisor) {
  TempHome home;
  ForeignLab foreign("sentinel", home.path());
  std::string pwfile = write_file(home.path() + "/pw", std::string(kPassword) + "\n");
  SupervisedRun run =
      run_supervised({"run", "sentinel-kill-master", "--duration", "19s", "--target",
                      sentinel_url(foreign), "--allow-faults", "--password-file", pwfile,
                      "--max-rate", "2400", "--runs-dir", home.path() + "/runs"},
                     home.path(), foreign.lab(), 4 * kSeconds, 120);
  const CommandResult& r = run.command;
  ASSERT_THAT(r.exit_code, ::testing::AnyOf(0, 1)) << r.out << r.err;
  EXPECT_GE(run.restarts, 1);
  std::string dir = run_dir(r);
  nlohmann::json results = results_of(dir);
  ASSERT_TRUE(results.is_object()) << r.out;
  EXPECT_EQ(check_of(results, "failover-anatomy")["verdict"], "valid") << r.out;
  std::vector<nlohmann::json> kills = nemesis_events(dir, "kill");
  ASSERT_EQ(kills.size(), 2u) << r.out;
  EXPECT_EQ(kills[0]["detail"]["command"], "SHUTDOWN NOSAVE");
  EXPECT_EQ(kills[0]["detail"]["confirmed"], "stopped answering");
  EXPECT_EQ(kills[0]["detail"]["role"], "master");
  EXPECT_TRUE(kills[1]["detail"].value("restarted", false) ||
              kills[1]["detail"].value("already_running", false))
      << kills[1].dump();
  EXPECT_TRUE(nemesis_events(dir, "fault-error").empty()) << r.out;
  const nlohmann::json& p = results["failover"]["phases"];
  EXPECT_GE(p.value("sdown", 0), 1000) << results["failover"].dump();
  EXPECT_LE(p.value("sdown", 0), p.value("odown", 0));
  EXPECT_LE(p.value("promoted_slave", 0), p.value("switch_master", 0));
  EXPECT_GT(results["failover"].value("outage_ms", 0), 900);
  EXPECT_TRUE(results["target"]["cleanup"]["complete"]) << results["target"].dump();
  EXPECT_THAT(files_containing(dir, kPassword), ::testing::IsEmpty());
}

// Redis 7 refuses DEBUG unless enable-debug-command allows it: pause is refused before the run
// starts, naming what would make it possible.
TEST(ExternalTargetFaults, PauseIsRefusedBeforeTheRunWhenDebugIsDisabled) {
  TempHome home;
  ForeignLab foreign("sentinel", home.path());
  setenv("RRT_PASSWORD", kPassword, 1);
  CommandResult r = run_rrt({"run", "sentinel-pause-master", "--target", sentinel_url(foreign),
                             "--allow-faults", "--runs-dir", home.path() + "/runs"},
                            home.path(), 30);
  unsetenv("RRT_PASSWORD");
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr("fault 'pause' at 2s cannot run on sentinel://"));
  EXPECT_THAT(r.err, HasSubstr("enable-debug-command yes"));
  EXPECT_THAT(r.err, HasSubstr("or run against a lab"));
  EXPECT_FALSE(fs::exists(home.path() + "/runs"));
}

// Where DEBUG is enabled, pause is DEBUG SLEEP for the step's length: the master stops answering
// PING, the sentinels fail over, and the fault's stop waits until it answers again.
TEST(ExternalTargetFaults, SentinelPauseMasterThroughDebugSleep) {
  TempHome home;
  ForeignLab foreign("sentinel", home.path(), {{"enable-debug-command", "yes"}});
  setenv("RRT_PASSWORD", kPassword, 1);
  CommandResult r = run_rrt(
      {"run", "sentinel-pause-master", "--duration", "12s", "--target", sentinel_url(foreign),
       "--allow-faults", "--max-rate", "2200", "--runs-dir", home.path() + "/runs"},
      home.path(), 90);
  unsetenv("RRT_PASSWORD");
  ASSERT_THAT(r.exit_code, ::testing::AnyOf(0, 1)) << r.out << r.err;
  std::string dir = run_dir(r);
  nlohmann::json results = results_of(dir);
  ASSERT_TRUE(results.is_object()) << r.out;
  std::vector<nlohmann::json> pauses = nemesis_events(dir, "pause");
  ASSERT_EQ(pauses.size(), 2u) << r.out;
  EXPECT_EQ(pauses[0]["detail"]["command"], "DEBUG SLEEP 4.000");
  EXPECT_EQ(pauses[0]["detail"]["confirmed"], "PING unanswered");
  EXPECT_TRUE(pauses[1]["detail"].contains("answered_after_ms")) << pauses[1].dump();
  EXPECT_TRUE(nemesis_events(dir, "fault-error").empty()) << r.out;
  EXPECT_EQ(check_of(results, "failover-anatomy")["verdict"], "valid") << r.out;
  EXPECT_GE(results["failover"]["phases"].value("sdown", 0), 1000) << results["failover"].dump();
}

}  // namespace
}  // namespace rrt
