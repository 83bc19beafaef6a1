// The nemesis and the runner on a fake system under test: the fault seams (NodeView,
// NodeProcesses, NetworkFaults) in memory and a FakeClock, so schedules, undo after errors and
// interrupts, event times and refusals are checked in milliseconds without Redis. The fake has no
// workloads: workloads still need a real Redis (they connect through the event loop), so the
// runner test runs a scenario without them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <set>

#include "base/errors.h"
#include "base/fake_clock.h"
#include "fault/node_processes.h"
#include "fault/node_view.h"
#include "history/event.h"
#include "history/fault_detail.h"
#include "net/network_faults.h"
#include "run/nemesis.h"
#include "run/runner.h"
#include "system/fault_support.h"

namespace rrt {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// A sentinel-less replication system in memory: redis-1 is master until it is killed or paused,
// then the first running, unpaused other node is. Every action is logged with its fake time.
class FakeSystem final : public SystemUnderTest,
                         public NodeView,
                         public NodeProcesses,
                         public NetworkFaults {
 public:
  explicit FakeSystem(Clock& clock, bool network = true) : clock_(clock), network_(network) {
    topology_.kind = TopologyKind::kReplication;
    for (int i = 1; i <= 3; ++i) {
      topology_.nodes.push_back({"redis-" + std::to_string(i),
                                 i == 1 ? Role::kMaster : Role::kReplica, Endpoint{"127.0.0.1", 9},
                                 ""});
    }
  }
  std::vector<std::string> log;  // "<ms> <action> <node>"
  std::string fail_on;           // node whose kill throws
  bool started = false;
  Nanos t0 = 0;  // for log times

  // SystemUnderTest
  void start() override { started = true; }
  Topology topology() const override { return topology_; }
  ConnectOptions connect() const override { return {}; }
  FaultContext fault_context(Clock& clock) override {
    FaultContext ctx;
    ctx.nodes = this;
    ctx.processes = this;
    ctx.network = network_ ? this : nullptr;
    ctx.clock = &clock;
    return ctx;
  }
  std::string lacks(Capability c, const FaultStep&) override {
    bool net = c == Capability::kNetwork || c == Capability::kNetworkLatency;
    return net && !network_ ? "the fake has no network: build it with network" : "";
  }
  std::string backend() const override { return "the fake"; }
  std::string key_prefix() const override { return "fake:"; }
  nlohmann::json describe() const override { return {{"fake", true}}; }
  nlohmann::json finish(const RunDir&) override { return nullptr; }

  // NodeView
  bool running(const std::string& n) const override { return !down_.count(n); }
  bool paused(const std::string& n) const override { return paused_.count(n) > 0; }
  std::string master() const override {
    for (const auto& n : topology_.nodes) {
      if (running(n.name) && !paused(n.name)) return n.name;
    }
    return "";
  }
  std::vector<std::string> masters() const override { return {master()}; }
  ConnectOptions connect(Nanos) const override { return {}; }
  SentinelSettings sentinel_settings() const override { return {}; }

  // NodeProcesses
  nlohmann::json kill(const std::string& n) override {
    if (n == fail_on) throw EnvironmentError("fake: " + n + " will not die");
    down_.insert(n);
    return note("kill", n);
  }
  nlohmann::json shutdown(const std::string& n) override {
    down_.insert(n);
    return note("shutdown", n);
  }
  nlohmann::json pause(const std::string& n, Nanos hold) override {
    paused_.insert(n);
    return note("pause", n, hold);
  }
  nlohmann::json resume(const std::string& n) override {
    paused_.erase(n);
    return note("resume", n);
  }
  nlohmann::json restart(const std::string& n) override {
    down_.erase(n);
    return note("restart", n);
  }
  std::string add_replica() override { throw UsageError("fake: no add_replica"); }
  void remove_replica(const std::string&) override {}

  // NetworkFaults
  std::string mechanism() const override { return "fake"; }
  void partition(const std::vector<std::vector<std::string>>& groups) override {
    note("partition", groups.at(0).at(0));
  }
  void cut_one_way(const std::string&, const std::string&) override {}
  void loss(const std::string&, double) override {}
  void bandwidth(const std::string&, int) override {}
  void latency(const std::string&, Nanos, Nanos) override {}
  void heal() override { note("heal", "all"); }

 private:
  nlohmann::json note(const std::string& what, const std::string& n, Nanos hold = 0) {
    std::string line = std::to_string((clock_.now() - t0) / kMillis) + " " + what + " " + n;
    if (hold) line += " for " + std::to_string(hold / kMillis);
    log.push_back(line);
    return nlohmann::json::object();
  }

  Clock& clock_;
  bool network_;
  Topology topology_;
  std::set<std::string> down_, paused_;
};

FaultStep step(const std::string& verb, nlohmann::json args, Nanos at, Nanos duration = 0) {
  FaultStep s;
  s.verb = verb;
  s.args = std::move(args);
  s.at = at;
  s.duration = duration;
  return s;
}

std::string temp_path(const std::string& name) {
  return ::testing::TempDir() + "/rrt-fake-" + std::to_string(getpid()) + "-" + name;
}

// Nemesis events as "<ms> <name> <phase>", in file order.
std::vector<std::string> nemesis_lines(const std::string& path) {
  std::vector<std::string> out;
  for (const Event& e : read_events(path)) {
    std::optional<FaultDetail> fault = fault_detail_of(e);
    if (!fault && e.name != "interrupted") continue;
    out.push_back(std::to_string(e.time / kMillis) + " " + e.name + " " +
                  (fault ? fault_phase_name(fault->phase) : ""));
  }
  return out;
}

// Fault events as "<name> <phase> <node> <role>[ disruption]": what the checks read of them.
std::vector<std::string> fault_lines(const std::string& path) {
  std::vector<std::string> out;
  for (const Event& e : read_events(path)) {
    std::optional<FaultDetail> d = fault_detail_of(e);
    if (!d) continue;
    EXPECT_EQ(e.node, d->node);
    out.push_back(e.name + " " + fault_phase_name(d->phase) + " " + d->node + " " +
                  (d->role ? role_name(*d->role) : "-") + (is_disruption(e) ? " disruption" : ""));
  }
  return out;
}

TEST(NemesisOnFake, FaultsStartAndStopOnScheduleInFakeTime) {
  FakeClock clock;
  FakeSystem fake(clock);
  Nemesis nemesis({step("kill", {{"target", "master"}}, 2 * kSeconds, 3 * kSeconds),
                   step("pause", {{"target", "redis-3"}}, 4 * kSeconds, kSeconds)},
                  clock);
  std::string path = temp_path("schedule.jsonl");
  EventLog events(path, clock.now());
  fake.t0 = events.t0();
  FaultContext ctx = fake.fault_context(clock);
  EXPECT_FALSE(nemesis.run(ctx, events, events.t0(), 10 * kSeconds, nullptr, [] { return false; }));
  EXPECT_EQ(clock.now() - events.t0(), 10 * kSeconds);
  // Actions due at the same time run in the order of their steps.
  EXPECT_THAT(fake.log, ElementsAre("2000 kill redis-1", "4000 pause redis-3 for 1000",
                                    "5000 restart redis-1", "5000 resume redis-3"));
  EXPECT_THAT(nemesis_lines(path), ElementsAre("2000 kill start", "4000 pause start",
                                               "5000 kill stop", "5000 pause stop"));
  // The fault-to-check contract: the kill hit the master, a disruption; the pause hit redis-3,
  // a replica (redis-2 is master since the kill), so it is none; stops never are.
  EXPECT_THAT(fault_lines(path),
              ElementsAre("kill start redis-1 master disruption", "pause start redis-3 replica",
                          "kill stop redis-1 -", "pause stop redis-3 -"));
}

TEST(NemesisOnFake, AfterAFaultErrorEveryStartedFaultIsUndoneNewestFirst) {
  FakeClock clock;
  FakeSystem fake(clock);
  fake.fail_on = "redis-3";
  Nemesis nemesis({step("kill", {{"target", "redis-1"}}, 1 * kSeconds),
                   step("partition", {{"isolate", "redis-2"}}, 3 * kSeconds),
                   step("pause", {{"target", "redis-2"}}, 2 * kSeconds),
                   step("kill", {{"target", "redis-3"}}, 4 * kSeconds)},
                  clock);
  std::string path = temp_path("error.jsonl");
  EventLog events(path, clock.now());
  fake.t0 = events.t0();
  FaultContext ctx = fake.fault_context(clock);
  nemesis.run(ctx, events, events.t0(), 5 * kSeconds, nullptr, [] { return false; });
  nemesis.heal_all(ctx, events);
  // Started kill (1 s), pause (2 s), partition (3 s); undone partition, pause, kill.
  EXPECT_THAT(fake.log,
              ElementsAre("1000 kill redis-1", "2000 pause redis-2", "3000 partition redis-2",
                          "5000 heal all", "5000 resume redis-2", "5000 restart redis-1"));
  std::vector<std::string> lines = nemesis_lines(path);
  EXPECT_THAT(lines, ::testing::Contains("4000 fault-error start"));
}

TEST(NemesisOnFake, AnInterruptEndsTheScheduleAndEveryStartedFaultIsUndone) {
  FakeClock clock;
  FakeSystem fake(clock);
  Nemesis nemesis({step("kill", {{"target", "redis-1"}}, 1 * kSeconds, 10 * kSeconds),
                   step("pause", {{"target", "redis-2"}}, 2 * kSeconds, 10 * kSeconds),
                   step("kill", {{"target", "redis-3"}}, 8 * kSeconds)},
                  clock);
  std::string path = temp_path("interrupt.jsonl");
  EventLog events(path, clock.now());
  fake.t0 = events.t0();
  FaultContext ctx = fake.fault_context(clock);
  Nanos t0 = events.t0();
  auto interrupt = [&] { return clock.now() - t0 >= 3 * kSeconds ? SIGINT : 0; };
  EXPECT_TRUE(nemesis.run(ctx, events, t0, 20 * kSeconds, interrupt, [] { return false; }));
  nemesis.heal_all(ctx, events);
  EXPECT_THAT(fake.log, ElementsAre("1000 kill redis-1", "2000 pause redis-2 for 10000",
                                    "3000 resume redis-2", "3000 restart redis-1"));
  EXPECT_THAT(nemesis_lines(path),
              ElementsAre("1000 kill start", "2000 pause start", "3000 interrupted ",
                          "3000 pause stop", "3000 kill stop"));
}

Scenario fake_scenario(std::vector<FaultStep> faults) {
  Scenario s;
  s.name = "fake-run";
  s.lab.kind = TopologyKind::kReplication;
  s.duration = 6 * kSeconds;
  s.faults = std::move(faults);
  return s;
}

TEST(RunnerOnFake, AMissingCapabilityIsRefusedBeforeAnythingStarts) {
  FakeClock clock;
  FakeSystem fake(clock, /*network=*/false);
  Scenario s = fake_scenario({step("kill", {{"target", "master"}}, kSeconds),
                              step("partition", {{"isolate", "master"}}, 2 * kSeconds)});
  RunOptions options;
  options.runs_root = temp_path("refused-runs");
  try {
    run_scenario(s, fake, clock, options);
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_THAT(e.what(), HasSubstr("scenario fake-run: fault 'partition' at 2s cannot run on "
                                    "the fake: the fake has no network"));
  }
  EXPECT_FALSE(fake.started);
  EXPECT_TRUE(fake.log.empty());
  EXPECT_FALSE(std::filesystem::exists(options.runs_root));
}

TEST(RunnerOnFake, ARunOnFakeTimeRecordsFaultsOnTheHistorysClock) {
  FakeClock clock;
  FakeSystem fake(clock);
  fake.t0 = clock.now();
  Scenario s = fake_scenario({step("kill", {{"target", "master"}}, 2 * kSeconds, 2 * kSeconds),
                              step("pause", {{"target", "master"}}, 3 * kSeconds)});
  RunOptions options;
  options.runs_root = temp_path("runs");
  options.quiet = true;
  Nanos real_begin = mono_ns();
  RunOutcome out = run_scenario(s, fake, clock, options);
  EXPECT_LT(mono_ns() - real_begin, 10 * kSeconds);  // a 6 s scenario, in fake time
  EXPECT_TRUE(fake.started);
  // kill redis-1 at 2 s; at 3 s the master is redis-2: paused; at 4 s redis-1 restarts; the
  // pause (no length) is undone when the run ends.
  EXPECT_THAT(fake.log, ElementsAre("2000 kill redis-1", "3000 pause redis-2",
                                    "4000 restart redis-1", "6000 resume redis-2"));
  EXPECT_THAT(
      nemesis_lines(out.run_dir + "/events.jsonl"),
      ElementsAre("2000 kill start", "3000 pause start", "4000 kill stop", "6000 pause stop"));
  EXPECT_EQ(out.results.value("interrupted", true), false);
}

}  // namespace
}  // namespace rrt
