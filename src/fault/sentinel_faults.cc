#include "fault/sentinel_faults.h"

#include <fmt/format.h>

#include "base/errors.h"
#include "base/option_reader.h"
#include "base/wait.h"
#include "fault/remote_target.h"
#include "fault/target.h"
#include "lab/lab.h"
#include "resp/sync_client.h"
#include "topo/ask.h"

namespace rrt {

namespace {

constexpr Nanos kAskTimeout = 500 * kMillis;

// Sends `args` to sentinel `name` and returns the reply as text (error replies included).
// Throws EnvironmentError if it does not answer.
std::string ask_sentinel(Lab& lab, const std::string& name, const Args& args) {
  CallResult r = ask(lab.node(name).info.endpoint, args, lab.spec().connect_options(kAskTimeout));
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

  nlohmann::json start(FaultContext& ctx) override {
    if (!ctx.lab) return start_remote(ctx);
    TargetNode master = resolve_target(*ctx.lab, "master", rng_);
    TargetNode sentinel = resolve_target(*ctx.lab, sentinel_, rng_);
    if (sentinel.role != "sentinel") throw UsageError(sentinel.name + " is not a sentinel");
    std::string reply = ask_sentinel(*ctx.lab, sentinel.name,
                                     {"SENTINEL", "FAILOVER", ctx.lab->spec().master_name});
    return started(master, sentinel, reply);
  }
  nlohmann::json stop(FaultContext&) override { return {}; }

 private:
  // An external target: only the topology and credentials are known.
  nlohmann::json start_remote(FaultContext& ctx) {
    ConnectOptions o = ctx.connect;
    o.timeout = kAskTimeout;
    TargetNode master = resolve_remote_target(ctx.topology, o, "master");
    TargetNode sentinel = resolve_remote_target(ctx.topology, o, sentinel_);
    if (sentinel.role != "sentinel") throw UsageError(sentinel.name + " is not a sentinel");
    std::string reply =
        remote_call(sentinel, o, {"SENTINEL", "FAILOVER", ctx.topology.master_name});
    return started(master, sentinel, reply);
  }

  // The fault's detail once `sentinel` answered SENTINEL FAILOVER with `reply` (lab or remote);
  // EnvironmentError unless it said OK.
  static nlohmann::json started(const TargetNode& master, const TargetNode& sentinel,
                                const std::string& reply) {
    if (reply != "OK") {
      throw EnvironmentError(fmt::format("SENTINEL FAILOVER on {}: {}", sentinel.name, reply));
    }
    nlohmann::json detail = target_detail(master);
    detail["sentinel"] = sentinel.name;
    detail["disrupts_master"] = true;
    return detail;
  }

  std::string sentinel_;
  std::mt19937 rng_{std::random_device{}()};
};

// Polls `sentinel`'s CKQUORUM until its answer starts with `want` ("OK" / "NOQUORUM") or
// `timeout` passes. Returns the last answer and how long it took.
std::pair<std::string, Nanos> await_ckquorum(Lab& lab, const std::string& sentinel,
                                             const std::string& want, Nanos timeout) {
  SystemClock clock;
  Nanos begin = clock.now();
  std::string answer;
  wait_until(clock, timeout, 50 * kMillis, [&] {
    try {
      answer = ask_sentinel(lab, sentinel, {"SENTINEL", "CKQUORUM", lab.spec().master_name});
    } catch (const EnvironmentError& e) {
      answer = e.what();
    }
    return answer.rfind(want, 0) == 0;
  });
  return {answer, clock.now() - begin};
}

class StopSentinelsFault : public Fault {
 public:
  explicit StopSentinelsFault(const nlohmann::json& args) {
    OptionReader o("fault stop-sentinels", args);
    count_ = o.integer("count", 0, 1, 9);
    o.finish();
  }
  std::string name() const override { return "stop-sentinels"; }

  nlohmann::json start(FaultContext& ctx) override {
    Lab& lab = *ctx.lab;
    std::vector<std::string> running = running_sentinels(lab);
    const LabSpec& spec = lab.spec();
    int needed = std::max(spec.quorum, spec.sentinels / 2 + 1);  // for ODOWN and for a leader
    int count = count_ ? count_ : static_cast<int>(running.size()) - needed + 1;
    if (count < 1 || count > static_cast<int>(running.size())) {
      throw EnvironmentError(
          fmt::format("cannot stop {} of {} running sentinels", count, running.size()));
    }
    stopped_.assign(running.end() - count, running.end());
    for (const auto& name : stopped_) lab.shutdown(name);
    nlohmann::json detail = {{"stopped", stopped_},
                             {"running", static_cast<int>(running.size()) - count},
                             {"quorum", spec.quorum}};
    if (count < static_cast<int>(running.size())) {
      Nanos wait = spec.down_after_ms * kMillis + 2 * kSeconds;
      auto [answer, took] = await_ckquorum(lab, running.front(), "NOQUORUM", wait);
      detail["ckquorum"] = answer;
      detail["ckquorum_after_ms"] = took / kMillis;
    }
    return detail;
  }

  nlohmann::json stop(FaultContext& ctx) override {
    Lab& lab = *ctx.lab;
    for (const auto& name : stopped_) {
      if (!lab.running(name)) lab.restart(name);
    }
    nlohmann::json detail = {{"started", stopped_}};
    std::vector<std::string> running = running_sentinels(lab);
    if (!running.empty()) {
      Nanos wait = lab.spec().down_after_ms * kMillis + 2 * kSeconds;
      auto [answer, took] = await_ckquorum(lab, running.front(), "OK", wait);
      detail["ckquorum"] = answer;
      detail["ckquorum_after_ms"] = took / kMillis;
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
