#include "fault/sentinel_faults.h"

#include <fmt/format.h>

#include "base/errors.h"
#include "base/option_reader.h"
#include "base/wait.h"
#include "fault/node_processes.h"
#include "fault/node_view.h"
#include "fault/remote_target.h"
#include "fault/target.h"
#include "topo/ask.h"

namespace rrt {

namespace {

constexpr Nanos kAskTimeout = 500 * kMillis;
// How long SENTINEL FAILOVER may take until the sentinels name another master.
constexpr Nanos kSwitchDeadline = 15 * kSeconds;

// Sends `args` to sentinel `name` and returns the reply as text (error replies included).
// Throws EnvironmentError if it does not answer.
std::string ask_sentinel(const NodeView& nodes, const std::string& name, const Args& args) {
  CallResult r = ask(nodes.topology().find(name)->endpoint, args, nodes.connect(kAskTimeout));
  if (!r.ok() && r.reply.type() != Reply::Type::kError) {
    throw EnvironmentError(
        fmt::format("{} did not answer {}: {}", name, describe_command(args), r.detail));
  }
  return r.ok() ? std::string(r.reply.str()) : r.detail;
}

class SentinelFailoverFault : public Fault {
 public:
  explicit SentinelFailoverFault(const nlohmann::json& args) {
    OptionReader o("fault sentinel-failover", args);
    sentinel_ = o.text("sentinel", "sentinel");
    o.finish();
  }
  std::string name() const override { return "sentinel-failover"; }
  std::vector<Capability> needs() const override { return {Capability::kCommands}; }

  // Confirmed when the sentinels name another master (within kSwitchDeadline).
  FaultDetail start(FaultContext& ctx) override {
    NodeView& nodes = *ctx.nodes;
    TargetNode master = resolve_target(nodes, "master", rng_);
    TargetNode sentinel = resolve_target(nodes, sentinel_, rng_);
    if (sentinel.role != Role::kSentinel) throw UsageError(sentinel.name + " is not a sentinel");
    Nanos sent = ctx.clock->now();
    std::string reply = remote_call(sentinel, nodes.connect(kAskTimeout),
                                    {"SENTINEL", "FAILOVER", nodes.topology().master_name});
    if (reply != "OK") {
      throw EnvironmentError(fmt::format("SENTINEL FAILOVER on {}: {}", sentinel.name, reply));
    }
    std::string now;
    bool switched = wait_until(*ctx.clock, kSwitchDeadline, 50 * kMillis, [&] {
      now = nodes.master();
      return !now.empty() && now != master.name;
    });
    if (!switched) {
      throw EnvironmentError(fmt::format(
          "SENTINEL FAILOVER on {} did not take effect: the master is still {} after {}",
          sentinel.name, now.empty() ? "unknown" : now, format_duration(kSwitchDeadline)));
    }
    FaultDetail detail = target_detail(master);
    detail.disrupts_master = true;
    detail.extra = {{"sentinel", sentinel.name},
                    {"new_master", now},
                    {"switched_after_ms", (ctx.clock->now() - sent) / kMillis}};
    return detail;
  }
  std::optional<FaultDetail> stop(FaultContext&) override { return std::nullopt; }

 private:
  std::string sentinel_;
  std::mt19937 rng_{std::random_device{}()};
};

// Polls `sentinel`'s CKQUORUM until its answer starts with `want` ("OK" / "NOQUORUM") or
// `timeout` passes. Returns the last answer and how long it took.
std::pair<std::string, Nanos> await_ckquorum(FaultContext& ctx, const std::string& sentinel,
                                             const std::string& want, Nanos timeout) {
  Nanos begin = ctx.clock->now();
  std::string answer;
  wait_until(*ctx.clock, timeout, 50 * kMillis, [&] {
    try {
      answer = ask_sentinel(*ctx.nodes, sentinel,
                            {"SENTINEL", "CKQUORUM", ctx.nodes->topology().master_name});
    } catch (const EnvironmentError& e) {
      answer = e.what();
    }
    return answer.rfind(want, 0) == 0;
  });
  return {answer, ctx.clock->now() - begin};
}

class StopSentinelsFault : public Fault {
 public:
  explicit StopSentinelsFault(const nlohmann::json& args) {
    OptionReader o("fault stop-sentinels", args);
    count_ = o.integer("count", 0, 1, 9);
    o.finish();
  }
  std::string name() const override { return "stop-sentinels"; }
  std::vector<Capability> needs() const override { return {Capability::kSentinelProcesses}; }

  FaultDetail start(FaultContext& ctx) override {
    std::vector<std::string> running = running_sentinels(*ctx.nodes);
    SentinelSettings spec = ctx.nodes->sentinel_settings();
    int needed = std::max(spec.quorum, spec.sentinels / 2 + 1);  // for ODOWN and for a leader
    int count = count_ ? count_ : static_cast<int>(running.size()) - needed + 1;
    if (count < 1 || count > static_cast<int>(running.size())) {
      throw EnvironmentError(
          fmt::format("cannot stop {} of {} running sentinels", count, running.size()));
    }
    stopped_.assign(running.end() - count, running.end());
    for (const auto& s : stopped_) processes_of(ctx, name()).shutdown(s);
    FaultDetail detail;
    detail.extra = {{"stopped", stopped_},
                    {"running", static_cast<int>(running.size()) - count},
                    {"quorum", spec.quorum}};
    if (count < static_cast<int>(running.size())) {
      Nanos wait = spec.down_after_ms * kMillis + 2 * kSeconds;
      auto [answer, took] = await_ckquorum(ctx, running.front(), "NOQUORUM", wait);
      detail.extra["ckquorum"] = answer;
      detail.extra["ckquorum_after_ms"] = took / kMillis;
    }
    return detail;
  }

  std::optional<FaultDetail> stop(FaultContext& ctx) override {
    for (const auto& s : stopped_) {
      if (!ctx.nodes->running(s)) processes_of(ctx, name()).restart(s);
    }
    FaultDetail detail;
    detail.extra = {{"started", stopped_}};
    std::vector<std::string> running = running_sentinels(*ctx.nodes);
    if (!running.empty()) {
      Nanos wait = ctx.nodes->sentinel_settings().down_after_ms * kMillis + 2 * kSeconds;
      auto [answer, took] = await_ckquorum(ctx, running.front(), "OK", wait);
      detail.extra["ckquorum"] = answer;
      detail.extra["ckquorum_after_ms"] = took / kMillis;
    }
    stopped_.clear();
    return detail;
  }

 private:
  int count_ = 0;  // 0: just enough to lose the quorum
  std::vector<std::string> stopped_;
};

}  // namespace

std::unique_ptr<Fault> make_sentinel_failover_fault(const nlohmann::json& args) {
  return std::make_unique<SentinelFailoverFault>(args);
}

std::unique_ptr<Fault> make_stop_sentinels_fault(const nlohmann::json& args) {
  return std::make_unique<StopSentinelsFault>(args);
}

}  // namespace rrt
