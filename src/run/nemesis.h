// The nemesis: runs a scenario's fault schedule (schedule.h) on the main thread, recording each
// fault's start and stop as events on the run's clock (the Clock the history is written on).
//
// Event times are taken just before a fault acts, so "kill at 3.000 s" is when the signal was
// sent, not when the call returned. A stop() that returns {} (nothing to undo, e.g. SENTINEL
// FAILOVER) records no event.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "fault/fault.h"
#include "history/event_log.h"
#include "scenario/scenario.h"
#include "scenario/schedule.h"

namespace rrt {

class Nemesis {
 public:
  // Creates every fault of the schedule; throws UsageError for an unknown verb or bad argument,
  // before anything has started.
  // Time (now, and waiting for the next action) comes from `clock`, which must outlive it.
  Nemesis(const std::vector<FaultStep>& steps, Clock& clock);

  // Called on the main thread after every recorded fault action with the event just recorded
  // (e.g. to let observers see new nodes, to show progress).
  void on_event(std::function<void(const Event&)> callback) { on_event_ = std::move(callback); }

  // Runs the schedule until `duration` after `t0`, or until `finished()` returns true, or until
  // `interrupt()` returns a signal number (asked at least every 50 ms; null: never). Returns true
  // if an interrupt ended it (recorded as a runner "interrupted" event). A fault that fails to
  // start or stop is recorded as a "fault-error" event; the run goes on.
  bool run(FaultContext& ctx, EventLog& events, Nanos t0, Nanos duration,
           const std::function<int()>& interrupt, const std::function<bool()>& finished);

  // Stops every fault still active, the most recently started first (heal, resume, restart).
  void heal_all(FaultContext& ctx, EventLog& events);

 private:
  void apply(const FaultAction& action, FaultContext& ctx, EventLog& events);
  void set_active(size_t step, bool active);

  Clock& clock_;
  std::vector<FaultStep> steps_;
  std::vector<std::unique_ptr<Fault>> faults_;  // one per step
  std::vector<bool> active_;
  std::vector<size_t> started_;       // active steps, in the order they started
  std::vector<FaultAction> actions_;  // sorted by time
  std::function<void(const Event&)> on_event_;
  Nanos t0_ = 0;  // the run's start, for the events handed to on_event_
};

}  // namespace rrt
