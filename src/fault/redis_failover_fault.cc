#include "fault/redis_failover_fault.h"

#include <fmt/format.h>

#include <cstdlib>
#include <optional>

#include "base/errors.h"
#include "base/option_reader.h"
#include "base/wait.h"
#include "fault/node_view.h"
#include "fault/remote_target.h"
#include "resp/sync_client.h"
#include "topo/discovery.h"

namespace rrt {

namespace {

constexpr Nanos kAskTimeout = 500 * kMillis;

std::string field(const InfoFields& info, const std::string& name) {
  for (const auto& [k, v] : info) {
    if (k == name) return v;
  }
  return "";
}

class RedisFailoverFault : public Fault {
 public:
  explicit RedisFailoverFault(const nlohmann::json& args) {
    OptionReader o("fault failover", args);
    to_ = o.text("to", "");
    timeout_ = o.duration("timeout", 0);
    force_ = o.boolean("force", false);
    deadline_ = o.duration("deadline", 10 * kSeconds);
    o.finish();
    if (!to_.empty() && to_ != "replica" && to_.rfind("redis-", 0) != 0) {
      throw OptionError("to", fmt::format("fault failover: bad to '{}': expected replica or a "
                                          "node name (redis-N)",
                                          to_));
    }
    if (timeout_ < 0 || timeout_ > 600 * kSeconds) {
      throw OptionError("timeout", "fault failover: timeout must be from 1ms to 600s");
    }
    if (force_ && (to_.empty() || timeout_ == 0)) {
      throw OptionError("force",
                        "fault failover: force needs both to and timeout (Redis refuses "
                        "FORCE without them)");
    }
    if (deadline_ < 100 * kMillis || deadline_ > 600 * kSeconds) {
      throw OptionError("deadline", "fault failover: deadline must be from 100ms to 600s");
    }
    if (timeout_ > 0 && deadline_ <= timeout_) {
      throw OptionError("deadline", "fault failover: deadline must be longer than timeout");
    }
  }
  std::string name() const override { return "failover"; }
  std::vector<Capability> needs() const override { return {Capability::kCommands}; }

  FaultDetail start(FaultContext& ctx) override {
    ConnectOptions o = ctx.nodes->connect(kAskTimeout);
    TargetNode master = resolve_target(*ctx.nodes, "master", rng_);
    Args cmd = {"FAILOVER"};
    std::optional<TargetNode> to;
    if (!to_.empty()) {
      to = resolve_target(*ctx.nodes, to_, rng_);
      cmd.insert(cmd.end(), {"TO", to->endpoint.host, std::to_string(to->endpoint.port)});
    }
    if (timeout_ > 0) cmd.insert(cmd.end(), {"TIMEOUT", std::to_string(timeout_ / kMillis)});
    if (force_) cmd.push_back("FORCE");
    Nanos sent = ctx.clock->now();
    remote_call(master, o, cmd);
    Endpoint promoted = await_switch(*ctx.clock, master, o, sent);
    FaultDetail detail = target_detail(master);
    detail.disrupts_master = true;
    Topology topology = ctx.nodes->topology();
    const NodeInfo* p = topology.find(promoted);
    detail.extra = {{"command", describe_command(cmd)},
                    {"new_master", p ? p->name : promoted.to_string()},
                    {"new_master_endpoint", promoted.to_string()},
                    {"switched_after_ms", (ctx.clock->now() - sent) / kMillis}};
    return detail;
  }
  std::optional<FaultDetail> stop(FaultContext&) override { return std::nullopt; }

 private:
  // Polls the old master until it reports role slave and its master reports role master;
  // returns that master. Throws EnvironmentError on an abort or when the deadline passes.
  Endpoint await_switch(Clock& clock, const TargetNode& old, const ConnectOptions& o,
                        Nanos sent) const {
    std::string last = "no answer";
    std::optional<Endpoint> switched;
    auto done = [&] {
      InfoFields info = node_info(old.endpoint, "replication", o);
      std::string role = field(info, "role"), state = field(info, "master_failover_state");
      last = fmt::format("role {}, master_failover_state {}", role, state);
      if (role == "slave") {
        Endpoint m{field(info, "master_host"), std::atoi(field(info, "master_port").c_str())};
        if (node_role(m, o) == "master") switched = m;
        if (switched) return true;
      }
      // Redis sets the state before FAILOVER returns: back to no-failover as a master means
      // the switch was aborted (the replica did not catch up in time, or it went away).
      if (role == "master" && state == "no-failover") {
        throw EnvironmentError(fmt::format("FAILOVER on {} was aborted ({})", old.name, last));
      }
      return false;
    };
    if (wait_until(clock, sent + deadline_ - clock.now(), 20 * kMillis, done)) return *switched;
    throw EnvironmentError(fmt::format("FAILOVER on {}: no switch within {} (last: {})", old.name,
                                       format_duration(deadline_), last));
  }

  std::string to_;
  std::mt19937 rng_{std::random_device{}()};
  Nanos timeout_ = 0;
  bool force_ = false;
  Nanos deadline_ = 0;
};

}  // namespace

std::unique_ptr<Fault> make_redis_failover_fault(const nlohmann::json& args) {
  return std::make_unique<RedisFailoverFault>(args);
}

}  // namespace rrt
