// The audit as a whole on hand-built snapshots: the hardened deployment has nothing above
// info, every rule's scenario exists, the order and exit code follow severity, and the text
// and JSON outputs carry the evidence.
#include "audit/audit_report.h"

#include <filesystem>

#include "audit_fixtures.h"

namespace rrt {
namespace {

namespace fs = std::filesystem;
using audit_test::hardened_cluster;
using audit_test::hardened_sentinel;
using audit_test::master_of;
using ::testing::HasSubstr;

std::vector<std::string> ids(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) out.push_back(f.id);
  return out;
}

// A snapshot where nearly every rule fires.
Snapshot weak_sentinel() {
  Snapshot s = hardened_sentinel();
  for (auto& n : s.nodes) {
    n.config = {{"save", ""},
                {"appendonly", "no"},
                {"min-replicas-to-write", "0"},
                {"min-replicas-max-lag", "10"},
                {"replica-serve-stale-data", "yes"},
                {"replica-read-only", "no"},
                {"repl-backlog-size", "16384"},
                {"replica-priority", "0"},
                {"maxmemory", "1000000"},
                {"maxmemory-policy", "allkeys-lru"},
                {"protected-mode", "no"},
                {"tls-port", "0"}};
    n.open_without_auth = true;
    n.endpoint = {"127.0.0.1", 6379 + static_cast<int>(&n - &s.nodes.front())};
  }
  master_of(s).offset_sample = OffsetSample{0, 100'000, kSeconds};
  for (auto& n : s.sentinels) {
    n.endpoint = {"127.0.0.1", 26379 + static_cast<int>(&n - &s.sentinels.front())};
    n.master["quorum"] = "1";
    n.master["down-after-milliseconds"] = "60000";
    n.master["failover-timeout"] = "180000";
    n.open_without_auth = true;
  }
  s.sentinels[0].sentinels.clear();
  s.sentinels[1].ckquorum_ok = false;
  s.sentinels[1].ckquorum = "NOQUORUM";
  s.unread.push_back({"127.0.0.1:6379", "ACL GETUSER default", "NOPERM"});
  return s;
}

TEST(AuditReport, HardenedDeploymentsHaveNothingAboveInfo) {
  for (const Snapshot& s : {hardened_sentinel(), hardened_cluster()}) {
    std::vector<Finding> findings = audit(s);
    for (const auto& f : findings) EXPECT_EQ(f.severity, Severity::kInfo) << f.id;
    EXPECT_EQ(audit_exit_code(findings), 0);
  }
  EXPECT_THAT(ids(audit(hardened_sentinel())),
              ::testing::ElementsAre("appendfsync", "sentinel-down-after"));
}

TEST(AuditReport, FindingsComeMostSevereFirstAndExitOneOnHigh) {
  std::vector<Finding> findings = audit(weak_sentinel());
  ASSERT_GE(findings.size(), 15u);
  for (size_t i = 1; i < findings.size(); ++i) {
    EXPECT_LE(static_cast<int>(findings[i - 1].severity), static_cast<int>(findings[i].severity));
  }
  EXPECT_EQ(audit_exit_code(findings), 1);
  std::vector<std::string> got = ids(findings);
  for (const char* id :
       {"persistence-off-master", "split-brain-min-replicas", "replica-writable", "eviction-policy",
        "no-failover-candidate", "sentinel-quorum-minority", "sentinels-unaware",
        "sentinel-ckquorum", "single-host", "sentinel-down-after", "sentinel-failover-timeout",
        "replica-serve-stale-data", "repl-backlog-small", "no-auth", "sentinel-no-auth",
        "protected-mode-off", "tls-off", "unread"}) {
    EXPECT_THAT(got, ::testing::Contains(id));
  }
}

TEST(AuditReport, EveryScenarioAFindingNamesIsShipped) {
  fs::path dir = fs::path(__FILE__).parent_path().parent_path().parent_path() / "scenarios";
  Snapshot cluster = hardened_cluster();
  cluster.nodes[0].config["cluster-require-full-coverage"] = "yes";
  cluster.nodes[0].served_slots.clear();
  cluster.nodes[0].cluster_nodes[3].flags = "slave,fail";
  std::vector<Finding> findings = audit(weak_sentinel());
  for (auto& f : audit(cluster)) findings.push_back(f);
  int named = 0;
  for (const auto& f : findings) {
    if (f.scenario.empty()) continue;
    ++named;
    EXPECT_TRUE(fs::exists(dir / (f.scenario + ".yaml"))) << f.id << " names " << f.scenario;
  }
  EXPECT_GE(named, 10);
}

TEST(AuditReport, TextGroupsBySeverityWithEvidenceScenarioAndFix) {
  Snapshot s = weak_sentinel();
  std::string text = audit_text(s, audit(s));
  size_t high = text.find("\nHIGH (");
  size_t medium = text.find("\nMEDIUM (");
  size_t low = text.find("\nLOW (");
  ASSERT_NE(high, std::string::npos) << text;
  EXPECT_LT(high, medium);
  EXPECT_LT(medium, low);
  EXPECT_THAT(text, HasSubstr("evidence  127.0.0.1:6379 master  save = \"\"\n"));
  EXPECT_THAT(text, HasSubstr("127.0.0.1:6380 replica  replica-read-only = no\n"));
  EXPECT_THAT(text, HasSubstr("see       rrt explain persistence-off-auto-restart"));
  EXPECT_THAT(text, HasSubstr("see       none yet"));
  EXPECT_THAT(
      text, HasSubstr("fix       min-replicas-to-write 1\n              min-replicas-max-lag 10"));
  EXPECT_THAT(text, HasSubstr("(exit 1: high-severity findings)"));
}

TEST(AuditReport, JsonHasTheDocumentedFields) {
  Snapshot s = weak_sentinel();
  nlohmann::json j = audit_json(s, audit(s));
  for (const char* key : {"target", "scheme", "master_name", "nodes", "sentinels", "write_rates",
                          "unread", "findings", "counts"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_EQ(j["nodes"][0]["address"], "127.0.0.1:6379");
  EXPECT_EQ(j["write_rates"][0]["bytes_per_second"], 100000.0);
  EXPECT_EQ(j["unread"][0]["what"], "ACL GETUSER default");
  const nlohmann::json& f = j["findings"][0];
  for (const char* key :
       {"id", "severity", "title", "evidence", "what_happens", "scenario", "fix"}) {
    EXPECT_TRUE(f.contains(key)) << key;
  }
  EXPECT_EQ(f["severity"], "high");
  for (const char* key : {"node", "role", "setting", "value"}) {
    EXPECT_TRUE(f["evidence"][0].contains(key)) << key;
  }
  int total = 0;
  for (const char* sev : {"high", "medium", "low", "info"}) total += j["counts"][sev].get<int>();
  EXPECT_EQ(total, static_cast<int>(j["findings"].size()));
}

TEST(AuditSnapshot, SettingsFallBackToInfoAndHostsFoldLoopback) {
  DataNode n;
  n.info = {{"role", "slave"},
            {"slave_priority", "0"},
            {"slave_read_only", "1"},
            {"repl_backlog_size", "1048576"}};
  EXPECT_EQ(n.setting("replica-priority")->value, "0");
  EXPECT_EQ(n.setting("replica-read-only")->value, "yes");
  EXPECT_EQ(n.setting("repl-backlog-size")->source, "INFO repl_backlog_size");
  EXPECT_FALSE(n.setting("appendfsync"));
  n.config = {{"replica-priority", "10"}};
  n.config_read = true;
  EXPECT_EQ(n.setting("replica-priority")->value, "10");
  EXPECT_EQ(host_of({"127.0.0.5", 1}), host_of({"localhost", 2}));
  EXPECT_NE(host_of({"10.0.0.1", 1}), host_of({"10.0.0.2", 1}));
  EXPECT_EQ(to_number("42"), 42);
  EXPECT_FALSE(to_number("4x"));
  EXPECT_FALSE(to_number(""));
  EXPECT_DOUBLE_EQ((OffsetSample{100, 300, kSeconds / 2}.bytes_per_second()), 400.0);
}

}  // namespace
}  // namespace rrt
