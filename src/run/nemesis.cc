#include "run/nemesis.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/errors.h"
#include "fault/fault_registry.h"

namespace rrt {

// How often run() asks for an interrupt while it waits for the next action.
static constexpr Nanos kInterruptPoll = 50 * kMillis;

Nemesis::Nemesis(const std::vector<FaultStep>& steps, Clock& clock)
    : clock_(clock), steps_(steps), active_(steps.size()), actions_(expand_schedule(steps)) {
  for (const FaultStep& s : steps) faults_.push_back(make_fault(s.verb, s.args));
}

void Nemesis::apply(const FaultAction& a, FaultContext& ctx, EventLog& events) {
  Fault& fault = *faults_[a.step];
  if (a.start == active_[a.step]) return;  // already in that state
  FaultPhase phase = a.start ? FaultPhase::kStart : FaultPhase::kStop;
  Nanos at = clock_.now();
  Event event{at - t0_, kNemesis, fault.name(), "", nlohmann::json::object()};
  ctx.hold = a.start ? steps_[a.step].duration : 0;
  try {
    std::optional<FaultDetail> detail = a.start ? fault.start(ctx) : fault.stop(ctx);
    set_active(a.step, a.start);
    if (!detail) return;
    detail->phase = phase;
    Nanos took = clock_.now() - at;
    if (took >= 10 * kMillis) detail->took = took;
    event.node = detail->node;
    event.detail = to_json(*detail);
  } catch (const std::exception& e) {
    event.name = "fault-error";
    FaultDetail error;
    error.phase = phase;
    error.failed_verb = fault.name();
    error.error = e.what();
    event.detail = to_json(error);
    if (!a.start) set_active(a.step, false);  // do not try to undo it again
  }
  events.add(event.source, event.name, event.node, event.detail, at);
  if (on_event_) on_event_(event);
}

bool Nemesis::run(FaultContext& ctx, EventLog& events, Nanos t0, Nanos duration,
                  const std::function<int()>& interrupt, const std::function<bool()>& finished) {
  t0_ = t0;
  size_t next = 0;
  for (;;) {
    Nanos now = clock_.now() - t0;
    while (next < actions_.size() && actions_[next].at <= now) apply(actions_[next++], ctx, events);
    if (now >= duration || finished()) return false;
    if (int sig = interrupt ? interrupt() : 0) {
      events.add("runner", "interrupted", "", {{"signal", sig}}, clock_.now());
      return true;
    }
    Nanos wake = std::min(duration, next < actions_.size() ? actions_[next].at : duration);
    clock_.sleep_for(std::clamp<Nanos>(wake - now, 0, kInterruptPoll));
  }
}

void Nemesis::set_active(size_t step, bool active) {
  active_[step] = active;
  started_.erase(std::remove(started_.begin(), started_.end(), step), started_.end());
  if (active) started_.push_back(step);
}

void Nemesis::heal_all(FaultContext& ctx, EventLog& events) {
  while (!started_.empty()) apply({0, started_.back(), false}, ctx, events);
}

}  // namespace rrt
