// Runs fault plans through kubectl and undoes everything it applied, newest first: when asked,
// and at the latest when it is destroyed (so on errors and after Ctrl-C too; the caller turns
// SIGINT into a normal return). Every command it ran is kept in log() for the user.
#pragma once

#include <string>
#include <vector>

#include "k8s/fault_planner.h"
#include "k8s/kubectl.h"

namespace rrt {

class PlanExecutor {
 public:
  explicit PlanExecutor(KubectlOptions options) : options_(std::move(options)) {}
  ~PlanExecutor();
  PlanExecutor(const PlanExecutor&) = delete;
  PlanExecutor& operator=(const PlanExecutor&) = delete;

  // Runs the plan's apply calls in order. Its undo calls are remembered before the first apply
  // call runs, so a half-applied plan is undone too. Throws EnvironmentError when a call fails.
  void apply(const FaultPlan& plan);
  // Runs every remembered undo call, newest first; a failing one is logged and the rest still
  // run. Returns the number that failed.
  int undo_all();

  const std::vector<std::string>& log() const { return log_; }

 private:
  KubectlOptions options_;
  std::vector<KubectlCall> undo_;  // in the order they were remembered
  std::vector<std::string> log_;
};

}  // namespace rrt
