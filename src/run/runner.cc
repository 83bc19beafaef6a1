#include "run/runner.h"

#include <fmt/format.h>

#include <algorithm>
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>
#include <asio/post.hpp>
#include <asio/use_future.hpp>
#include <deque>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "base/errors.h"
#include "base/interrupt.h"
#include "base/wait.h"
#include "check/failover_anatomy.h"
#include "check/registry.h"
#include "history/event_log.h"
#include "history/fault_detail.h"
#include "history/history_reader.h"
#include "history/run_dir.h"
#include "observe/cluster_observer.h"
#include "observe/node_poller.h"
#include "observe/sentinel_events.h"
#include "report/report.h"
#include "run/nemesis.h"
#include "system/fault_support.h"
#include "system/system_under_test.h"
#include "workload/workload.h"

namespace rrt {

namespace fs = std::filesystem;

namespace {

constexpr char kAnatomy[] = "failover-anatomy";
// After the run's end (or an interrupt): how long the workloads' clients and the observers may
// take to notice and end.
constexpr Nanos kWorkloadsEnd = 30 * kSeconds;
constexpr Nanos kObserversEnd = 2 * kSeconds;
constexpr char kClusterFailover[] = "cluster-failover";

// The event loop of clients and observers, on its own thread.
class ClientLoop {
 public:
  ClientLoop() : guard_(io_.get_executor()), thread_([this] { io_.run(); }) {}
  ~ClientLoop() {
    guard_.reset();
    io_.stop();
    thread_.join();
  }
  asio::io_context& io() { return io_; }
  // Runs `op` on the loop and waits for it (at most `timeout`; then gives up waiting).
  void run_and_wait(asio::awaitable<void> op, Nanos timeout) {
    auto done = asio::co_spawn(io_, std::move(op), asio::use_future);
    done.wait_for(std::chrono::nanoseconds(timeout));
  }

 private:
  asio::io_context io_;
  asio::executor_work_guard<asio::io_context::executor_type> guard_;
  std::thread thread_;
};

std::string seconds(Nanos t) {
  return fmt::format("{:7.3f} s", static_cast<double>(t) / kSeconds);
}

// Runs `op` on `io`, counted in `running` until it ends.
void spawn_counted(asio::io_context& io, asio::awaitable<void> op, std::atomic<int>& running) {
  ++running;
  asio::co_spawn(io, std::move(op), [&running](std::exception_ptr) { --running; });
}

// Subscribes to every sentinel; reports the first +switch-master of each new master.
void start_sentinel_observers(asio::io_context& io, const Topology& topology, EventLog& events,
                              const std::atomic<bool>& stop, const RunOptions& options,
                              LiveStatus& live, ConnectOptions o, std::atomic<int>& running) {
  auto seen = std::make_shared<std::set<std::string>>();  // switch payloads already reported
  for (const auto& ep : topology.sentinel_endpoints()) {
    o.timeout = 500 * kMillis;
    auto on_message = [&events, &options, &live, seen](const SentinelMessage& m) {
      events.add("sentinel", m.channel, m.sentinel.to_string(), {{"message", m.payload}}, m.mono);
      if (m.channel == "+switch-master") live.on_switch_master(m.payload);
      if (m.channel == "+switch-master" && options.progress && seen->insert(m.payload).second) {
        options.progress(fmt::format("{}  +switch-master {} (sentinel {})",
                                     seconds(m.mono - events.t0()), m.payload,
                                     m.sentinel.to_string()));
      }
    };
    spawn_counted(io, watch_sentinel(ep, o, "*", on_message, stop), running);
  }
}

std::vector<NodeInfo> data_nodes(const Topology& t) {
  std::vector<NodeInfo> out;
  for (const auto& n : t.nodes) {
    if (n.role != Role::kSentinel && n.role != Role::kProxy) out.push_back(n);
  }
  return out;
}

// "  3.001 s  kill redis-1 (master 127.0.0.1:7000)".
std::string describe_fault_event(const Event& e) {
  FaultDetail d = fault_detail_of(e).value_or(FaultDetail{});
  const char* phase = fault_phase_name(d.phase);
  std::string what = e.name == "fault-error"
                         ? fmt::format("{} {} failed: {}", d.failed_verb, phase, d.error)
                         : fmt::format("{} {}", e.name, phase);
  if (!e.node.empty()) what += " " + e.node;
  if (d.role) what += fmt::format(" ({} {})", role_name(*d.role), d.endpoint);
  return fmt::format("{}  {}", seconds(e.time), what);
}

std::string overall_verdict(const std::vector<CheckResult>& checks) {
  bool unknown = false;
  for (const auto& c : checks) {
    if (c.verdict == Verdict::kInvalid) return "fail";
    if (c.verdict == Verdict::kUnknown) unknown = true;
  }
  return unknown ? "unknown" : "pass";
}

}  // namespace

namespace {

struct Drive {
  bool interrupted = false;
  std::vector<nlohmann::json> summaries;
  std::string report_text;
};

// Observers, workloads and the nemesis, from the lab being ready to the final reads.
Drive drive(const Scenario& scenario, SystemUnderTest& sut, Clock& clock, EventLog& events,
            HistoryWriter& history, std::vector<std::unique_ptr<Workload>>& workloads,
            Nemesis& nemesis, const RunOptions& options, InterruptGuard& signals) {
  Drive out;
  Nanos t0 = events.t0();
  std::atomic<bool> stop{false}, observers_stop{false};
  std::atomic<int> workloads_left{static_cast<int>(workloads.size())};
  std::atomic<int> observers_left{0};
  WatchList watched;
  watched.set(data_nodes(sut.topology()));
  auto progress = [&workloads] {
    LoadReport sum;
    for (const auto& w : workloads) sum.merge(w->progress());
    return sum;
  };
  LiveStatus live(sut.topology(), progress, t0, scenario.duration);
  nlohmann::json placement;
  std::vector<ConnectOptions> client_connect = sut.client_connect(&placement);
  if (!client_connect.empty()) events.add("runner", "client-hosts", "", placement);
  ClientLoop loop;                       // after `live`: its thread ends first
  std::deque<WorkloadContext> contexts;  // one per workload; a deque keeps their addresses
  for (size_t i = 0; i < workloads.size(); ++i) {
    WorkloadContext& ctx = contexts.emplace_back();
    ctx.executor = loop.io().get_executor();
    ctx.topology = sut.topology();
    ctx.connect = sut.connect();
    ctx.history = &history;
    ctx.t0 = t0;
    ctx.deadline = t0 + scenario.duration;
    ctx.stop = &stop;
    ctx.process_base = static_cast<int64_t>(i) * kProcessesPerWorkload;
    ctx.key_prefix = sut.key_prefix() + fmt::format("w{}:", i + 1);  // never shared
    ctx.client_connect = client_connect;
  }
  start_sentinel_observers(loop.io(), sut.topology(), events, observers_stop, options, live,
                           sut.connect(), observers_left);
  PollOptions poll;
  poll.connect = sut.connect();
  spawn_counted(loop.io(), poll_nodes(watched, poll, events, observers_stop), observers_left);
  if (scenario.lab.kind == TopologyKind::kCluster) {
    spawn_counted(loop.io(),
                  observe_cluster(data_nodes(sut.topology()), ClusterObserveOptions{}, events,
                                  observers_stop),
                  observers_left);
  }
  asio::post(loop.io(), [&] {
    for (size_t i = 0; i < workloads.size(); ++i) {
      workloads[i]->start(contexts[i], [&] { --workloads_left; });
    }
  });
  nemesis.on_event([&](const Event& e) {
    watched.set(data_nodes(sut.topology()));  // add-replica / remove-replica change the nodes
    live.on_fault_event(e);
    if (options.progress) options.progress(describe_fault_event(e));
  });
  FaultContext faults = sut.fault_context(clock);
  {
    std::optional<Ticker> ticker;
    if (options.status) {
      ticker.emplace(options.status_period, [&] { options.status(live.snapshot()); });
    }
    out.interrupted = nemesis.run(
        faults, events, t0, scenario.duration, [&] { return signals.poll(); },
        [&] { return !workloads.empty() && workloads_left.load() == 0; });
  }
  stop = out.interrupted;
  auto workloads_ended = [&] { return workloads_left.load() == 0; };
  if (!wait_until(clock, kWorkloadsEnd, 10 * kMillis, workloads_ended)) {
    events.add("runner", "workloads-late", "", {{"left", workloads_left.load()}}, clock.now());
    stop = true;  // their clients end at their next request
    wait_until(clock, kObserversEnd, 10 * kMillis, workloads_ended);
  }
  events.add("runner", "workloads-done", "", nlohmann::json::object(), clock.now());
  nemesis.heal_all(faults, events);
  events.add("runner", "healed", "", nlohmann::json::object(), clock.now());
  for (size_t i = 0; i < workloads.size(); ++i) {
    Workload& w = *workloads[i];
    WorkloadContext& ctx = contexts[i];
    loop.run_and_wait([&]() -> asio::awaitable<void> { co_await w.finish(ctx); }(), 30 * kSeconds);
    out.summaries.push_back(w.summary());
    if (!options.quiet) out.report_text += w.report_text();
  }
  nemesis.on_event(nullptr);  // its captures end with this function
  observers_stop = true;
  wait_until(clock, kObserversEnd, 10 * kMillis, [&] { return observers_left.load() == 0; });
  return out;
}

// The operations of one workload's clients (process ids [base, base + kProcessesPerWorkload)).
History ops_of_workload(const History& h, int64_t base) {
  History out;
  for (const Op& op : h) {
    if (op.process >= base && op.process < base + kProcessesPerWorkload) out.push_back(op);
  }
  return out;
}

std::vector<CheckResult> run_all_checks(const Scenario& s,
                                        const std::vector<std::unique_ptr<Workload>>& workloads,
                                        const History& h, const Events& ev, TopologyKind kind) {
  std::vector<CheckResult> results;
  std::set<std::string> implied;
  for (size_t i = 0; i < workloads.size(); ++i) {
    History mine = ops_of_workload(h, static_cast<int64_t>(i) * kProcessesPerWorkload);
    for (auto& r : run_checks(workloads[i]->checks(), mine, ev, s.check_options)) {
      implied.insert(r.name);
      results.push_back(std::move(r));
    }
  }
  std::vector<std::string> names;
  for (const auto& n : s.checks) {
    if (!implied.count(n)) names.push_back(n);
  }
  bool anatomy = std::find(names.begin(), names.end(), kAnatomy) != names.end();
  bool disrupted = std::any_of(ev.begin(), ev.end(), is_disruption);
  if (!anatomy && kind == TopologyKind::kSentinel && disrupted) names.push_back(kAnatomy);
  bool cluster_check = std::find(names.begin(), names.end(), kClusterFailover) != names.end();
  if (!cluster_check && kind == TopologyKind::kCluster && disrupted)
    names.push_back(kClusterFailover);
  for (auto& r : run_checks(names, h, ev, s.check_options)) results.push_back(std::move(r));
  return results;
}

// results.json's "failover": the first disruption that ended in a failover (else the first
// disruption) as "phases" and "outage_ms", and every disruption under "failovers".
nlohmann::json failover_json(const History& h, const Events& ev) {
  std::vector<FailoverAnatomy> all = analyze_failovers(h, ev);
  nlohmann::json list = nlohmann::json::array();
  const FailoverAnatomy* main = nullptr;
  for (const auto& a : all) {
    list.push_back(to_json(a));
    if (!main || (!main->failed_over() && a.failed_over())) main = &a;
  }
  nlohmann::json j = {{"failovers", list}, {"phases", nlohmann::json::object()}};
  if (main) {
    nlohmann::json m = to_json(*main);
    j["phases"] = m["phases"];
    j["outage_ms"] = m["outage"]["ms"];
    j["fault"] = m["fault"];
  }
  return j;
}

}  // namespace

RunOutcome run_scenario(const Scenario& scenario, SystemUnderTest& system, Clock& clock,
                        const RunOptions& options) {
  // For the client loop's threads; the caller blocked them already, before making the system.
  InterruptGuard signals(Interrupts::kCtrlCHangup);
  check_fault_support(scenario, system);
  std::vector<std::unique_ptr<Workload>> workloads;
  for (const auto& w : scenario.workloads) workloads.push_back(make_workload(w.kind, w.options));
  Nemesis nemesis(scenario.faults, clock);  // validates the schedule before anything starts
  RunDir run(options.runs_root, scenario.name);
  nlohmann::json as_run = to_json(scenario);
  for (size_t i = 0; i < workloads.size(); ++i) {
    as_run["workloads"][i]["effective_options"] = workloads[i]->options();
  }
  std::ofstream(run.file("scenario.json")) << as_run.dump(2) << "\n";
  system.start();
  EventLog events(run.events(), clock.now());
  events.add("runner", "lab-ready", "", system.describe(), clock.now());
  Drive d;
  {
    HistoryWriter history(run.history(options.history_encoding), options.history_encoding);
    d = drive(scenario, system, clock, events, history, workloads, nemesis, options, signals);
  }
  events.add("runner", "run-end", "", nlohmann::json::object(), clock.now());
  nlohmann::json target = system.finish(run);

  History h = read_history(run.history());
  Events ev = read_events(run.events());
  std::vector<CheckResult> checks =
      run_all_checks(scenario, workloads, h, ev, system.topology().kind);
  RunOutcome out;
  out.run_dir = run.path();
  out.verdict = d.interrupted ? "unknown" : overall_verdict(checks);
  out.results = {{"scenario", scenario.name},
                 {"verdict", out.verdict},
                 {"interrupted", d.interrupted},
                 {"run_dir", run.path()},
                 {"duration_ms", scenario.duration / kMillis},
                 {"ops", h.size() / 2},
                 {"checks", nlohmann::json::array()},
                 {"workloads", d.summaries}};
  if (!target.is_null()) out.results["target"] = target;
  out.report_text = d.report_text;
  for (const auto& c : checks) {
    out.results["checks"].push_back(to_json(c));
    if (c.name == kAnatomy) {
      out.results["failover"] = failover_json(h, ev);
      if (!c.explanation.empty()) out.report_text += c.explanation;
    }
    if (c.name == kClusterFailover) {
      out.results["cluster_failover"] = c.detail;
      out.report_text += c.explanation;
    }
  }
  for (const auto& c : checks) {
    out.report_text +=
        fmt::format("check {}: {} - {}\n", c.name, verdict_name(c.verdict), c.summary);
  }
  std::ofstream(run.results()) << out.results.dump(2) << "\n";
  // The reports are made from the files just written; failing to make them loses no result.
  try {
    out.report_text += fmt::format("report: {}\n", write_reports(run.path()).html);
  } catch (const std::exception& e) {
    out.report_text += fmt::format("report: not written: {}\n", e.what());
  }
  out.exit_code = d.interrupted ? kExitEnvironment : exit_code_for(checks);
  return out;
}

}  // namespace rrt
