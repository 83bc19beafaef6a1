// `rrt audit` against real labs: a weak Sentinel lab, a weak cluster and a hardened,
// password-protected Sentinel lab. Each weakness appears as its finding with the evidence; the
// hardened lab has nothing high; an audit user denied CONFIG gets told what could not be read;
// and the audit writes nothing (keyspace, dirty counter, write and config commandstats).
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "lab/lab.h"
#include "resp/sync_client.h"
#include "test_support.h"

namespace rrt {
namespace {

using rrt::testing::CommandResult;
using rrt::testing::run_rrt;
using rrt::testing::TempHome;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr char kPassword[] = "Audit-pw-7c1e93";
constexpr char kAuditorPassword[] = "auditor-pw-52b0";

std::unique_ptr<Lab> start_lab(LabSpec spec, const std::string& home) {
  setenv("RRT_HOME", home.c_str(), 1);
  spec.name = fmt::format("audit-{}-{}", spec.name, getpid());
  auto lab = std::make_unique<Lab>(std::move(spec));
  lab->start();
  return lab;
}

Endpoint endpoint_of(const Lab& lab, const std::string& name) {
  return lab.node(name).info.endpoint;
}

// `rrt audit ARGS -o json`: the exit code and the parsed report (null if none was printed).
struct Audit {
  CommandResult run;
  nlohmann::json report;

  // The finding with this id, or null.
  nlohmann::json finding(const std::string& id) const {
    for (const auto& f : report.value("findings", nlohmann::json::array())) {
      if (f["id"] == id) return f;
    }
    return nullptr;
  }
  std::string severity(const std::string& id) const {
    nlohmann::json f = finding(id);
    return f.is_null() ? "absent" : f["severity"].get<std::string>();
  }
  // The finding's evidence as "node setting=value" lines.
  std::vector<std::string> evidence(const std::string& id) const {
    std::vector<std::string> out;
    nlohmann::json f = finding(id);
    if (f.is_null()) return out;
    for (const auto& e : f["evidence"]) {
      out.push_back(fmt::format("{} {}={}", e["node"].get<std::string>(),
                                e["setting"].get<std::string>(), e["value"].get<std::string>()));
    }
    return out;
  }
};

// The finding `id` is there with `severity`, and `line` is one of its evidence lines.
void expect_finding(const Audit& a, const std::string& id, const std::string& severity,
                    const ::testing::Matcher<std::string>& line) {
  EXPECT_EQ(a.severity(id), severity) << id << "\n" << a.run.out;
  EXPECT_THAT(a.evidence(id), Contains(line)) << id;
}

Audit audit(std::vector<std::string> args, const std::string& home) {
  args.insert(args.begin(), "audit");
  args.push_back("-o");
  args.push_back("json");
  Audit a;
  a.run = run_rrt(args, home, 60);
  try {
    a.report = nlohmann::json::parse(a.run.out);
  } catch (const nlohmann::json::exception&) {
  }
  return a;
}

// What a write or a configuration change would move on one node.
struct WriteState {
  long long keys = -1;
  std::string dirty;                               // rdb_changes_since_last_save
  std::map<std::string, std::string> write_calls;  // cmdstat lines of write and config commands
  bool operator==(const WriteState&) const = default;
};

std::string calls_text(const std::map<std::string, std::string>& m) {
  std::string out;
  for (const auto& [k, v] : m) out += k + "=" + v + " ";
  return out;
}

// Commands that change data or configuration: every @write command, and the admin ones that
// change settings or roles.
const std::vector<std::string>& changing_commands(SyncClient& c) {
  static std::vector<std::string> names;
  if (names.empty()) {
    names = c.must_call({"COMMAND", "LIST", "FILTERBY", "ACLCAT", "write"}).strings();
    for (const char* admin :
         {"config|set", "config|rewrite", "config|resetstat", "acl|setuser", "acl|deluser",
          "replicaof", "slaveof", "failover", "shutdown", "cluster|failover", "cluster|reset",
          "cluster|addslots", "cluster|delslots", "cluster|replicate", "cluster|forget"}) {
      names.push_back(admin);
    }
  }
  return names;
}

WriteState write_state(const Endpoint& node, const ConnectOptions& o) {
  SyncClient c;
  c.must_connect(node, o);
  WriteState s;
  s.keys = c.must_call({"DBSIZE"}).integer();
  s.dirty = info_field(c.must_call({"INFO", "persistence"}).str(), "rdb_changes_since_last_save");
  const auto& changing = changing_commands(c);
  for (const auto& [key, value] : parse_info(c.must_call({"INFO", "commandstats"}).str())) {
    std::string command = key.substr(std::string("cmdstat_").size());
    if (std::find(changing.begin(), changing.end(), command) != changing.end()) {
      s.write_calls[command] = value.substr(0, value.find(','));  // calls=N
    }
  }
  return s;
}

// The sentinel settings a SENTINEL SET or a reset would change, and its own change commands.
std::string sentinel_state(const Endpoint& sentinel, const ConnectOptions& o) {
  SyncClient c;
  c.must_connect(sentinel, o);
  Reply m = c.must_call({"SENTINEL", "MASTER", "mymaster"});
  std::string out;
  for (size_t i = 0; i + 1 < m.size(); i += 2) {
    std::string k(m.at(i).str());
    if (k == "quorum" || k == "down-after-milliseconds" || k == "failover-timeout" ||
        k == "parallel-syncs" || k == "ip" || k == "port" || k == "config-epoch") {
      out += k + "=" + std::string(m.at(i + 1).str()) + " ";
    }
  }
  for (const auto& [key, value] : parse_info(c.must_call({"INFO", "commandstats"}).str())) {
    for (const char* changing : {"sentinel|set", "sentinel|failover", "sentinel|reset",
                                 "sentinel|remove", "sentinel|monitor", "sentinel|flushconfig"}) {
      if (key == std::string("cmdstat_") + changing) out += key + ":" + value + " ";
    }
  }
  return out;
}

// Writes 1 KB values to one key of `master` until stopped: a write rate for the backlog rule.
class Writer {
 public:
  Writer(const Endpoint& master, const ConnectOptions& o) {
    thread_ = std::thread([=, this] {
      SyncClient c;
      c.must_connect(master, o);
      std::string value(1024, 'w');
      while (!stop_) {
        c.call({"SET", "audit:filler", value});
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
    });
  }
  ~Writer() {
    stop_ = true;
    thread_.join();
  }

 private:
  std::atomic<bool> stop_ = false;
  std::thread thread_;
};

TEST(Audit, WeakSentinelLabShowsEachWeaknessWithItsEvidence) {
  TempHome home;
  LabSpec spec;
  spec.name = "weak";
  spec.kind = TopologyKind::kSentinel;
  spec.replicas = 2;
  spec.sentinels = 2;
  spec.quorum = 2;
  spec.failover_timeout_ms = 180000;
  spec.redis_config = {{"replica-read-only", "no"},
                       {"replica-priority", "0"},
                       {"maxmemory", "100mb"},
                       {"maxmemory-policy", "allkeys-lru"},
                       {"repl-backlog-size", "16kb"}};
  auto lab = start_lab(spec, home.path());
  std::string master = endpoint_of(*lab, "redis-1").to_string();
  std::string replica = endpoint_of(*lab, "redis-2").to_string();
  std::string s1 = endpoint_of(*lab, "sentinel-1").to_string();
  std::string s2 = endpoint_of(*lab, "sentinel-2").to_string();
  std::string url = fmt::format("sentinel://{}/mymaster", s1);
  Audit a;
  {
    Writer writer(endpoint_of(*lab, "redis-1"), {});
    a = audit({url, "--sample-ms", "500"}, home.path());
  }
  ASSERT_EQ(a.run.exit_code, 1) << a.run.out << a.run.err;
  EXPECT_EQ(a.report["nodes"].size(), 3u);
  EXPECT_EQ(a.report["sentinels"].size(), 2u);  // sentinel-2 found through sentinel-1

  expect_finding(a, "persistence-off-master", "high", master + " save=");
  EXPECT_THAT(a.evidence("persistence-off-master"), Contains(master + " appendonly=no"));
  expect_finding(a, "split-brain-min-replicas", "high", master + " min-replicas-to-write=0");
  expect_finding(a, "replica-writable", "high", replica + " replica-read-only=no");
  expect_finding(a, "no-failover-candidate", "high", replica + " replica-priority=0");
  expect_finding(a, "sentinel-count", "high", " sentinels found=2");
  expect_finding(a, "sentinel-quorum-too-high", "medium",
                 s1 + " quorum=2 of 2 sentinels (majority 2)");
  expect_finding(a, "no-auth", "high", master + " PING without AUTH=PONG");
  expect_finding(a, "sentinel-no-auth", "medium", s1 + " PING without AUTH=PONG");
  expect_finding(a, "eviction-policy", "medium", master + " maxmemory-policy=allkeys-lru");
  expect_finding(a, "repl-backlog-small", "medium", master + " repl-backlog-size=16384");
  expect_finding(a, "single-host", "medium",
                 " host of every node=loopback (3 data nodes, 2 sentinels)");
  expect_finding(a, "replica-serve-stale-data", "low", replica + " replica-serve-stale-data=yes");
  expect_finding(a, "protected-mode-off", "low", master + " protected-mode=no");
  expect_finding(a, "tls-off", "low", master + " tls-port=0");
  expect_finding(a, "sentinel-failover-timeout", "low", s2 + " failover-timeout=180000");
  expect_finding(a, "sentinel-down-after", "info", s1 + " down-after-milliseconds=1000");
  EXPECT_EQ(a.finding("sentinel-down-after")["scenario"], "sentinel-kill-master");
  EXPECT_EQ(a.severity("unread"), "absent") << a.finding("unread").dump();

  // Sentinels that no longer know each other: sentinel-2 silent, sentinel-1 reset.
  lab->pause("sentinel-2");
  SyncClient c;
  c.must_connect(endpoint_of(*lab, "sentinel-1"));
  c.must_call({"SENTINEL", "RESET", "mymaster"});
  Audit b = audit(
      {fmt::format("sentinel://{},{}/mymaster", s1, s2), "--sample-ms", "0", "--timeout-ms", "300"},
      home.path());
  lab->resume("sentinel-2");
  EXPECT_EQ(b.run.exit_code, 1) << b.run.out << b.run.err;
  expect_finding(b, "sentinels-unaware", "high",
                 s1 + " SENTINEL SENTINELS=knows 0 other(s); not " + s2);
  EXPECT_EQ(b.severity("node-unreachable"), "medium");
  EXPECT_THAT(b.evidence("node-unreachable")[0], HasSubstr(s2 + " connect="));
  EXPECT_EQ(b.severity("sentinel-ckquorum"), "high");
}

// A password-protected Sentinel lab with every setting the audit asks for, and an ACL user
// "auditor" that may run everything but CONFIG.
LabSpec hardened_spec() {
  LabSpec spec;
  spec.name = "hardened";
  spec.kind = TopologyKind::kSentinel;
  spec.replicas = 2;
  spec.sentinels = 3;
  spec.quorum = 2;
  spec.persistence = "aof-everysec";
  spec.password = kPassword;
  spec.redis_config = {
      {"min-replicas-to-write", "1"},
      {"min-replicas-max-lag", "10"},
      {"replica-serve-stale-data", "no"},
      {"protected-mode", "yes"},
      {"repl-backlog-size", "64mb"},
      {"user", fmt::format("auditor on >{} ~* &* +@all -config", kAuditorPassword)}};
  return spec;
}

const std::vector<std::string> kDataNodes = {"redis-1", "redis-2", "redis-3"};
const std::vector<std::string> kSentinels = {"sentinel-1", "sentinel-2", "sentinel-3"};

// What the audit could have changed on every node of a lab.
struct LabWriteState {
  std::map<std::string, WriteState> data;
  std::map<std::string, std::string> sentinels;
};

LabWriteState lab_write_state(const Lab& lab, const ConnectOptions& o) {
  LabWriteState s;
  for (const auto& n : kDataNodes) s.data[n] = write_state(endpoint_of(lab, n), o);
  for (const auto& n : kSentinels) s.sentinels[n] = sentinel_state(endpoint_of(lab, n), o);
  return s;
}

void expect_unchanged(const LabWriteState& before, const LabWriteState& after) {
  for (const auto& [n, state] : before.data) {
    const WriteState& now = after.data.at(n);
    EXPECT_EQ(now, state) << n << ": keys " << state.keys << " -> " << now.keys << ", dirty "
                          << state.dirty << " -> " << now.dirty << "; "
                          << calls_text(state.write_calls) << " -> " << calls_text(now.write_calls);
  }
  EXPECT_EQ(after.sentinels, before.sentinels);
}

// An audit user without CONFIG is told what it could not read, and never sees a password.
void expect_denied_config_reported(const Lab& lab, const std::string& home) {
  std::string pwfile = home + "/auditor-pw";
  std::ofstream(pwfile) << kAuditorPassword << "\n";
  Audit denied = audit({"redis://" + endpoint_of(lab, "redis-2").to_string(), "--user", "auditor",
                        "--password-file", pwfile, "--sample-ms", "0"},
                       home);
  EXPECT_EQ(denied.run.exit_code, 0) << denied.run.out << denied.run.err;
  EXPECT_EQ(denied.severity("unread"), "low") << denied.run.out;
  std::vector<std::string> unread = denied.evidence("unread");
  ASSERT_EQ(unread.size(), 3u) << denied.finding("unread").dump();
  for (const auto& line : unread) EXPECT_THAT(line, HasSubstr("CONFIG GET=NOPERM"));
  EXPECT_EQ(denied.severity("appendfsync"), "absent") << "appendfsync is only in CONFIG";
  EXPECT_EQ(denied.severity("replica-writable"), "absent") << "INFO shows replica-read-only";
  EXPECT_THAT(denied.run.out + denied.run.err, Not(HasSubstr(kAuditorPassword)));
}

// The hardened lab weakened by hand at run time: each change shows up as its finding.
void expect_runtime_weakening_found(const Lab& lab, const ConnectOptions& o,
                                    const std::vector<std::string>& args, const std::string& home) {
  SyncClient m;
  m.must_connect(endpoint_of(lab, "redis-1"), o);
  m.must_call({"CONFIG", "SET", "min-replicas-max-lag", "60", "appendfsync", "no",
               "min-replicas-to-write", "2"});
  SyncClient s1, s3;
  s1.must_connect(endpoint_of(lab, "sentinel-1"), o);
  s1.must_call({"SENTINEL", "SET", "mymaster", "quorum", "1"});
  s3.must_connect(endpoint_of(lab, "sentinel-3"), o);
  s3.must_call({"SENTINEL", "REMOVE", "mymaster"});
  Audit a = audit(args, home);
  std::string master = endpoint_of(lab, "redis-1").to_string();
  EXPECT_EQ(a.run.exit_code, 1) << a.run.out << a.run.err;
  expect_finding(a, "min-replicas-max-lag", "medium", master + " min-replicas-max-lag=60");
  expect_finding(a, "min-replicas-no-headroom", "medium", master + " INFO connected_slaves=2");
  expect_finding(a, "appendfsync", "medium", master + " appendfsync=no");
  expect_finding(
      a, "sentinel-quorum-minority", "medium",
      endpoint_of(lab, "sentinel-1").to_string() + " quorum=1 of 3 sentinels (majority 2)");
  expect_finding(a, "sentinels-disagree", "high",
                 endpoint_of(lab, "sentinel-3").to_string() +
                     " SENTINEL MASTER ip:port=does not monitor mymaster");
}

TEST(Audit, HardenedLabHasNoHighFindingAndTheAuditWritesNothing) {
  TempHome home;
  auto lab = start_lab(hardened_spec(), home.path());
  ConnectOptions o = lab->spec().connect_options(2 * kSeconds);
  SyncClient m;
  m.must_connect(endpoint_of(*lab, "redis-1"), o);
  for (int i = 0; i < 20; ++i) m.must_call({"SET", fmt::format("user:{}", i), "kept"});
  m.must_call({"WAIT", "2", "2000"});
  LabWriteState before = lab_write_state(*lab, o);

  std::string pwfile = home.path() + "/pw";
  std::ofstream(pwfile) << kPassword << "\n";
  std::vector<std::string> args = {
      fmt::format("sentinel://{},{}/mymaster", endpoint_of(*lab, "sentinel-1").to_string(),
                  endpoint_of(*lab, "sentinel-2").to_string()),
      "--password-file", pwfile, "--sample-ms", "300"};
  Audit a = audit(args, home.path());
  CommandResult text =
      run_rrt({"audit", args[0], "--password-file", pwfile, "--sample-ms", "0"}, home.path(), 60);
  expect_unchanged(before, lab_write_state(*lab, o));
  EXPECT_EQ(before.data["redis-2"].keys, 20);

  EXPECT_EQ(a.run.exit_code, 0) << a.run.out << a.run.err;
  EXPECT_EQ(a.report["counts"]["high"], 0) << a.run.out;
  EXPECT_EQ(a.report["sentinels"].size(), 3u);
  expect_finding(a, "appendfsync", "low",
                 endpoint_of(*lab, "redis-1").to_string() + " appendfsync=everysec");
  for (const char* quiet :
       {"no-auth", "sentinel-no-auth", "split-brain-min-replicas", "persistence-off-master",
        "replica-serve-stale-data", "protected-mode-off", "repl-backlog-small", "unread"}) {
    EXPECT_EQ(a.severity(quiet), "absent") << quiet << ": " << a.finding(quiet).dump();
  }
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("0 high"));
  EXPECT_THAT(text.out + text.err + a.run.out + a.run.err, Not(HasSubstr(kPassword)));

  expect_denied_config_reported(*lab, home.path());
  expect_runtime_weakening_found(*lab, o, args, home.path());
}

TEST(Audit, WeakClusterShowsCoverageAndReplicaPlacement) {
  TempHome home;
  LabSpec spec;
  spec.name = "cluster";
  spec.kind = TopologyKind::kCluster;
  spec.masters = 3;
  spec.replicas = 1;
  spec.redis_config = {{"cluster-allow-reads-when-down", "yes"}};
  auto lab = start_lab(spec, home.path());
  auto node_id = [&](const std::string& name) {
    SyncClient c;
    c.must_connect(endpoint_of(*lab, name));
    return std::string(c.must_call({"CLUSTER", "MYID"}).str());
  };
  // redis-4 (redis-1's replica) moves to redis-2: redis-1 is left without one.
  SyncClient r4;
  r4.must_connect(endpoint_of(*lab, "redis-4"));
  r4.must_call({"CLUSTER", "REPLICATE", node_id("redis-2")});
  SyncClient seed;
  seed.must_connect(endpoint_of(*lab, "redis-1"));
  std::string r4_id = node_id("redis-4");
  for (int i = 0; i < 100; ++i) {  // until redis-1 has heard of it (gossip), at most 5 s
    std::string nodes(seed.must_call({"CLUSTER", "NODES"}).str());
    size_t line = nodes.find(r4_id);
    if (nodes.substr(line, nodes.find('\n', line) - line).find(node_id("redis-2")) !=
        std::string::npos) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  // redis-3 stops serving slot 16383.
  SyncClient r3;
  r3.must_connect(endpoint_of(*lab, "redis-3"));
  r3.must_call({"CLUSTER", "DELSLOTS", "16383"});
  std::map<std::string, WriteState> before;
  for (int i = 1; i <= 6; ++i) {
    std::string n = fmt::format("redis-{}", i);
    before[n] = write_state(endpoint_of(*lab, n), {});
  }

  std::string r1 = endpoint_of(*lab, "redis-1").to_string();
  Audit a = audit({"cluster://" + r1, "--sample-ms", "200"}, home.path());
  ASSERT_EQ(a.run.exit_code, 1) << a.run.out << a.run.err;
  EXPECT_EQ(a.report["nodes"].size(), 6u);
  expect_finding(
      a, "cluster-master-without-replica", "high",
      fmt::format("{} replicas (CLUSTER NODES of {})=none working; slots 0-5460", r1, r1));
  expect_finding(a, "cluster-slots-uncovered", "high",
                 endpoint_of(*lab, "redis-3").to_string() + " CLUSTER SLOTS: no master for=16383");
  expect_finding(a, "cluster-replicas-same-host", "medium",
                 ::testing::StartsWith(endpoint_of(*lab, "redis-2").to_string() +
                                       " host=loopback (slots 5461-"));
  expect_finding(a, "cluster-require-full-coverage", "medium",
                 r1 + " cluster-require-full-coverage=yes");
  expect_finding(a, "cluster-allow-reads-when-down", "low",
                 r1 + " cluster-allow-reads-when-down=yes");
  EXPECT_EQ(a.severity("persistence-off-master"), "high");
  for (const auto& [n, state] : before) {
    EXPECT_EQ(write_state(endpoint_of(*lab, n), {}), state) << n;
  }
}

TEST(Audit, ExitCodesForBadUsageAndUnreachableTargets) {
  TempHome home;
  CommandResult r = run_rrt({"audit", "mongodb://127.0.0.1:1"}, home.path(), 20);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_THAT(r.err, HasSubstr("scheme 'mongodb' is not supported"));
  r = run_rrt({"audit", "sentinel://127.0.0.1:1"}, home.path(), 20);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  r = run_rrt({"audit", "redis://:Secret-42@127.0.0.1:1", "--timeout-ms", "300"}, home.path(), 20);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_THAT(r.err, HasSubstr("127.0.0.1:1 did not answer"));
  EXPECT_THAT(r.out + r.err, Not(HasSubstr("Secret-42")));
  r = run_rrt({"audit", "cluster://127.0.0.1:1,127.0.0.1:2", "--timeout-ms", "300"}, home.path(),
              20);
  EXPECT_EQ(r.exit_code, 3) << r.err;
}

}  // namespace
}  // namespace rrt
