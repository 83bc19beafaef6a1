#include "k8s/plan_executor.h"

#include "base/errors.h"

namespace rrt {

PlanExecutor::~PlanExecutor() {
  try {
    undo_all();
  } catch (...) {
    // Destructors must not throw; undo_all already logged what failed.
  }
}

void PlanExecutor::apply(const FaultPlan& plan) {
  // A plan's own undo calls run in their order, after later plans' undo calls: remembered
  // reversed so that running undo_ backwards keeps each plan's order.
  for (auto it = plan.undo.rbegin(); it != plan.undo.rend(); ++it) undo_.push_back(*it);
  for (const auto& call : plan.apply) {
    log_.push_back("apply: " + describe(options_, call));
    must_kubectl(options_, call);
  }
}

int PlanExecutor::undo_all() {
  int failed = 0;
  while (!undo_.empty()) {
    KubectlCall call = undo_.back();
    undo_.pop_back();
    log_.push_back("undo: " + describe(options_, call));
    try {
      must_kubectl(options_, call);
    } catch (const std::exception& e) {
      log_.push_back(std::string("undo failed: ") + e.what());
      ++failed;
    }
  }
  return failed;
}

}  // namespace rrt
