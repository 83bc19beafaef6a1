#include "fault/node_faults.h"

#include <fmt/format.h>

#include "base/errors.h"
#include "base/option_reader.h"
#include "fault/node_processes.h"
#include "fault/node_view.h"
#include "fault/target.h"

namespace rrt {

namespace {

// What a process fault does to its node when it starts, and how it undoes it.
enum class Action { kKill, kShutdown, kPause };

class ProcessFault : public Fault {
 public:
  ProcessFault(Action action, const nlohmann::json& args) : action_(action), rng_(seed()) {
    OptionReader o("fault " + name(), args);
    target_ = o.text("target", "master");
    if (action != Action::kPause) restart_ = o.boolean("restart", true);
    o.finish();
    if (!plausible_target(target_)) {
      throw OptionError("target", fmt::format("fault {}: bad target '{}': expected {}", name(),
                                              target_, target_words()));
    }
  }

  std::string name() const override {
    return action_ == Action::kKill ? "kill" : action_ == Action::kShutdown ? "shutdown" : "pause";
  }

  std::vector<Capability> needs() const override {
    return {action_ == Action::kKill       ? Capability::kKill
            : action_ == Action::kShutdown ? Capability::kShutdown
                                           : Capability::kPause};
  }

  FaultDetail start(FaultContext& ctx) override {
    NodeProcesses& processes = processes_of(ctx, name());
    TargetNode t = resolve_target(*ctx.nodes, target_, rng_);
    if (!ctx.nodes->running(t.name)) throw EnvironmentError(t.name + " is not running");
    FaultDetail detail = target_detail(t);
    detail.disrupts_master = t.role == Role::kMaster;
    detail.add_extra(action_ == Action::kKill       ? processes.kill(t.name)
                     : action_ == Action::kShutdown ? processes.shutdown(t.name)
                                                    : processes.pause(t.name, ctx.hold));
    node_ = t.name;
    return detail;
  }

  std::optional<FaultDetail> stop(FaultContext& ctx) override {
    NodeProcesses& processes = processes_of(ctx, name());
    FaultDetail detail;
    detail.node = node_;
    if (action_ == Action::kPause) {
      if (ctx.nodes->running(node_)) detail.add_extra(processes.resume(node_));
      return detail;
    }
    if (!restart_) return detail;
    if (ctx.nodes->running(node_)) {
      detail.extra["already_running"] = true;  // a restart step (or a supervisor) brought it back
      return detail;
    }
    detail.add_extra(processes.restart(node_));
    detail.extra["restarted"] = true;
    return detail;
  }

 private:
  static unsigned seed() { return std::random_device{}(); }

  Action action_;
  std::string target_;
  bool restart_ = true;
  std::mt19937 rng_;
  std::string node_;  // the node start() hit
};

class RestartFault : public Fault {
 public:
  explicit RestartFault(const nlohmann::json& args) {
    OptionReader o("fault restart", args);
    target_ = o.text("target", "stopped");
    o.finish();
    if (target_ != "stopped" && target_.rfind("redis-", 0) != 0 &&
        target_.rfind("sentinel-", 0) != 0) {
      throw OptionError("target", fmt::format("fault restart: bad target '{}': expected a node "
                                              "name or 'stopped'",
                                              target_));
    }
  }
  std::string name() const override { return "restart"; }

  std::vector<Capability> needs() const override { return {Capability::kRestart}; }

  FaultDetail start(FaultContext& ctx) override {
    NodeProcesses& processes = processes_of(ctx, name());
    std::string node = target_;
    if (node == "stopped") {
      node.clear();
      for (const auto& n : ctx.nodes->topology().nodes) {
        if (n.role != Role::kSentinel && !ctx.nodes->running(n.name)) {
          node = n.name;
          break;
        }
      }
      if (node.empty()) throw EnvironmentError("no stopped data node to restart");
    }
    FaultDetail detail;
    detail.node = node;
    detail.add_extra(processes.restart(node));  // UsageError if it still runs
    return detail;
  }
  std::optional<FaultDetail> stop(FaultContext&) override { return std::nullopt; }

 private:
  std::string target_;
};

}  // namespace

std::unique_ptr<Fault> make_kill_fault(const nlohmann::json& args) {
  return std::make_unique<ProcessFault>(Action::kKill, args);
}
std::unique_ptr<Fault> make_shutdown_fault(const nlohmann::json& args) {
  return std::make_unique<ProcessFault>(Action::kShutdown, args);
}
std::unique_ptr<Fault> make_pause_fault(const nlohmann::json& args) {
  return std::make_unique<ProcessFault>(Action::kPause, args);
}
std::unique_ptr<Fault> make_restart_fault(const nlohmann::json& args) {
  return std::make_unique<RestartFault>(args);
}

}  // namespace rrt
