// Runs fault plans through kubectl: applies a plan's steps, confirms their effect, and undoes
// faults newest-first (one when asked, all at the latest when the executor is destroyed, so after
// an error or an interrupt too). A fault counts as applied only once every confirmation held;
// one that did not take effect is undone at once and reported as an error, never as applied.
// Every command and every confirmation goes to the log, as it happens.
#pragma once

#include <functional>
#include <future>
#include <optional>
#include <string>
#include <vector>

#include "k8s/fault_planner.h"
#include "k8s/kubectl.h"

namespace rrt {

// Whether `result` (of probe.call) shows what `probe` expects; `seen` gets what it showed.
bool probe_holds(const Probe& probe, const KubectlResult& result, std::string* seen);

class PlanExecutor {
 public:
  // `wait` paces the confirmations; when it reports an interrupt while a fault is being
  // confirmed, that fault is undone and apply() throws.
  PlanExecutor(KubectlOptions options, Waiter wait,
               std::function<void(const std::string&)> on_log = nullptr);
  ~PlanExecutor();
  PlanExecutor(const PlanExecutor&) = delete;
  PlanExecutor& operator=(const PlanExecutor&) = delete;

  // Runs the plan's steps in order, then its confirmations. Returns the fault's id for undo().
  // Throws EnvironmentError when a step fails or a confirmation does not hold by its deadline
  // (after undoing what the plan did), naming what was not seen.
  int apply(const FaultPlan& plan);
  // Undoes fault `id` if it is still applied: its undo steps, the end of its background steps,
  // its undo confirmations. A failure is logged and the rest still runs; returns false then.
  bool undo(int id);
  // Undoes every applied fault, newest first. Returns how many undos failed.
  int undo_all();

  bool interrupted() const { return interrupted_; }
  const std::vector<std::string>& log() const { return log_; }

 private:
  // A step left running (pause's DEBUG SLEEP); its result is kept once it has ended.
  struct Background {
    std::future<KubectlResult> future;
    std::string must_print;
    std::optional<KubectlResult> result;
    // Its problem once it has ended ("" while it runs or when it went well); `block`: wait for it.
    std::string problem(bool block);
  };
  struct Applied {
    FaultPlan plan;
    std::vector<Background> background;
    bool confirmed = false;  // apply() saw every confirmation hold
    bool undone = false;
  };

  void note(const std::string& line);
  // Runs `probe` until it holds or its deadline passes; false with `why` otherwise.
  bool confirm(const Probe& probe, Applied& fault, bool interruptible, std::string* why);
  bool undo_applied(Applied& fault);

  KubectlOptions options_;
  Waiter wait_;
  std::function<void(const std::string&)> on_log_;
  std::vector<Applied> applied_;  // in the order they were applied
  std::vector<std::string> log_;
  bool interrupted_ = false;
};

}  // namespace rrt
