#include "fault/client_pause_fault.h"

#include <fmt/format.h>

#include "base/errors.h"
#include "base/option_reader.h"
#include "fault/node_view.h"
#include "fault/remote_target.h"
#include "topo/ask.h"

namespace rrt {

namespace {

constexpr Nanos kAskTimeout = 500 * kMillis;

class ClientPauseFault : public Fault {
 public:
  explicit ClientPauseFault(const nlohmann::json& args) {
    OptionReader o("fault client-pause", args);
    target_ = o.text("target", "master");
    mode_ = o.choice("mode", "write", {"all", "write"});
    max_ = o.duration("max", 60 * kSeconds);
    o.finish();
    if (!plausible_target(target_)) {
      throw OptionError("target", fmt::format("fault client-pause: bad target '{}': expected {}",
                                              target_, target_words()));
    }
    if (max_ < 100 * kMillis || max_ > 600 * kSeconds) {
      throw OptionError("max", "fault client-pause: max must be from 100ms to 600s");
    }
  }
  std::string name() const override { return "client-pause"; }

  std::vector<Capability> needs() const override { return {Capability::kCommands}; }

  FaultDetail start(FaultContext& ctx) override {
    ConnectOptions o = ctx.nodes->connect(kAskTimeout);
    node_ = resolve_target(*ctx.nodes, target_, rng_);
    std::string ms = std::to_string(max_ / kMillis);
    std::string mode = mode_ == "write" ? "WRITE" : "ALL";
    remote_call(node_, o, {"CLIENT", "PAUSE", ms, mode});
    FaultDetail detail = target_detail(node_);
    if (node_.role != Role::kSentinel) confirm_paused(o);
    detail.extra["mode"] = mode_;
    detail.extra["max_ms"] = max_ / kMillis;
    detail.disrupts_master = node_.role == Role::kMaster;
    return detail;
  }

  // During an ALL pause Redis holds every command, CLIENT UNPAUSE and AUTH included: that pause
  // ends only when `max` has passed.
  std::optional<FaultDetail> stop(FaultContext& ctx) override {
    FaultDetail detail;
    detail.node = node_.name;
    if (mode_ == "all") {
      detail.extra["ends_by_itself_after_ms"] = max_ / kMillis;
      return detail;
    }
    remote_call(node_, ctx.nodes->connect(kAskTimeout), {"CLIENT", "UNPAUSE"});
    return detail;
  }

 private:
  // Both modes hold PUBLISH (a may-replicate command, harmless on a channel nobody reads): a
  // PUBLISH answered within the probe time means the pause did not take effect.
  void confirm_paused(ConnectOptions o) const {
    o.timeout = std::min<Nanos>(300 * kMillis, max_ / 2);  // an ALL pause holds AUTH too
    if (ask(node_.endpoint, {"PUBLISH", "rrt:client-pause-probe", "1"}, o).ok()) {
      throw EnvironmentError(
          fmt::format("client-pause on {}: CLIENT PAUSE did not take effect (PUBLISH was answered)",
                      node_.name));
    }
  }

  std::string target_, mode_;
  std::mt19937 rng_{std::random_device{}()};
  Nanos max_ = 0;
  TargetNode node_;
};

}  // namespace

std::unique_ptr<Fault> make_client_pause_fault(const nlohmann::json& args) {
  return std::make_unique<ClientPauseFault>(args);
}

}  // namespace rrt
