#include "run/nemesis.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/errors.h"
#include "fault/fault_registry.h"

namespace rrt {

Nemesis::Nemesis(const std::vector<FaultStep>& steps)
    : steps_(steps), active_(steps.size()), actions_(expand_schedule(steps)) {
  for (const FaultStep& s : steps) faults_.push_back(make_fault(s.verb, s.args));
}

bool Nemesis::needs_network() const {
  return std::any_of(faults_.begin(), faults_.end(),
                     [](const auto& f) { return f->needs_network(); });
}

void Nemesis::apply(const FaultAction& a, FaultContext& ctx, EventLog& events) {
  Fault& fault = *faults_[a.step];
  if (a.start == active_[a.step]) return;  // already in that state
  const char* phase = a.start ? "start" : "stop";
  Nanos at = mono_ns();
  Event event{at - t0_, "nemesis", fault.name(), "", nlohmann::json::object()};
  try {
    nlohmann::json detail = a.start ? fault.start(ctx) : fault.stop(ctx);
    active_[a.step] = a.start;
    if (!a.start && (detail.is_null() || detail.empty())) return;
    if (!detail.is_object()) detail = nlohmann::json::object();
    detail["phase"] = phase;
    Nanos took = mono_ns() - at;
    if (took >= 10 * kMillis) detail["took_ms"] = took / kMillis;
    event.node = detail.value("node", "");
    event.detail = std::move(detail);
  } catch (const std::exception& e) {
    event.name = "fault-error";
    event.detail = {{"fault", fault.name()}, {"phase", phase}, {"error", e.what()}};
    if (!a.start) active_[a.step] = false;  // do not try to undo it again
  }
  events.add(event.source, event.name, event.node, event.detail, at);
  if (on_event_) on_event_(event);
}

bool Nemesis::run(FaultContext& ctx, EventLog& events, Nanos t0, Nanos duration,
                  const sigset_t& signals, const std::function<bool()>& finished) {
  t0_ = t0;
  size_t next = 0;
  for (;;) {
    Nanos now = mono_ns() - t0;
    while (next < actions_.size() && actions_[next].at <= now) apply(actions_[next++], ctx, events);
    if (now >= duration || finished()) return false;
    Nanos wake = std::min(duration, next < actions_.size() ? actions_[next].at : duration);
    Nanos wait = std::clamp<Nanos>(wake - now, 0, 50 * kMillis);
    timespec ts{static_cast<time_t>(wait / kSeconds), static_cast<long>(wait % kSeconds)};
    int sig = sigtimedwait(&signals, nullptr, &ts);
    if (sig > 0) {
      events.add("runner", "interrupted", "", {{"signal", sig}});
      return true;
    }
  }
}

void Nemesis::heal_all(FaultContext& ctx, EventLog& events) {
  for (size_t i = faults_.size(); i-- > 0;) {
    if (active_[i]) apply({0, i, false}, ctx, events);
  }
}

}  // namespace rrt
