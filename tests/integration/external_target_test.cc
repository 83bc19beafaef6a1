// `rrt run --target` against a password-protected lab started here and treated as a deployment
// rrt did not start: the run works through redis:// and sentinel:// URLs, writes only keys under
// its run prefix and removes them, never shows the password, and refuses faults unless allowed.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "lab/lab.h"
#include "resp/sync_client.h"
#include "test_support.h"
#include "topo/discovery.h"

namespace rrt {
namespace {

namespace fs = std::filesystem;
using rrt::testing::CommandResult;
using rrt::testing::run_rrt;
using rrt::testing::TempHome;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kPassword[] = "s3cret-Pw-4f9e1";

// A lab that is not rrt run's own: started in this process, with a password.
class ForeignLab {
 public:
  ForeignLab(const std::string& kind, const std::string& home) : lab_(spec(kind, home)) {
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
  static LabSpec spec(const std::string& kind, const std::string& home) {
    setenv("RRT_HOME", home.c_str(), 1);
    LabSpec s;
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
  r = run_rrt({"run", "sentinel-kill-master", "--target", "sentinel://127.0.0.1:1/mymaster",
               "--allow-faults", "--runs-dir", runs},
              home.path(), 20);
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr("needs a process or network that rrt started"));
  EXPECT_THAT(r.err, HasSubstr("client-pause"));
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

}  // namespace
}  // namespace rrt
