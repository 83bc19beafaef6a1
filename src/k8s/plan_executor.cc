#include "k8s/plan_executor.h"

#include <fmt/format.h>

#include <chrono>

#include "base/errors.h"
#include "k8s/pod_redis_cli.h"

namespace rrt {

namespace {

using nlohmann::json;

constexpr Nanos kPollEvery = kSeconds;

bool ping_holds(Probe::Expect expect, const KubectlResult& r, std::string* seen) {
  PingSeen p = judge_ping(r);
  *seen = p.detail;
  switch (expect) {
    case Probe::kAnswers:
      return p.outcome == PingOutcome::kAnswered;
    case Probe::kSilent:
      return p.outcome == PingOutcome::kSilent;
    default:  // kCut
      return p.outcome == PingOutcome::kSilent || p.outcome == PingOutcome::kUnreachable;
  }
}

bool chaos_injected(const json& chaos) {
  for (const auto& c : chaos.value("status", json::object()).value("conditions", json::array())) {
    if (c.value("type", "") == "AllInjected") return c.value("status", "") == "True";
  }
  return false;
}

bool replicas_are(const json& sts, int n, std::string* seen) {
  const json status = sts.value("status", json::object());
  int replicas = status.value("replicas", 0), ready = status.value("readyReplicas", 0);
  *seen = fmt::format("{} replicas, {} ready", replicas, ready);
  return replicas == n && ready == n;
}

}  // namespace

bool probe_holds(const Probe& probe, const KubectlResult& r, std::string* seen) {
  switch (probe.expect) {
    case Probe::kAnswers:
    case Probe::kSilent:
    case Probe::kCut:
      return ping_holds(probe.expect, r, seen);
    case Probe::kGone:
      *seen = r.not_found() ? "not found" : r.ok() ? "still there" : r.why();
      return r.not_found();
    default:
      break;
  }
  if (r.not_found()) {
    *seen = "not found";
    return probe.expect == Probe::kUidChanged;
  }
  json j = json::parse(r.out, nullptr, false);
  if (!r.ok() || !j.is_object()) {
    *seen = r.why();
    return false;
  }
  if (probe.expect == Probe::kUidChanged) {
    std::string uid = j.value("metadata", json::object()).value("uid", "");
    *seen = "uid " + uid;
    return uid != probe.value;
  }
  if (probe.expect == Probe::kReplicas) return replicas_are(j, std::stoi(probe.value), seen);
  bool injected = chaos_injected(j);
  *seen = injected ? "AllInjected" : "not injected yet";
  return injected;
}

PlanExecutor::PlanExecutor(KubectlOptions options, Waiter wait,
                           std::function<void(const std::string&)> on_log)
    : options_(std::move(options)), wait_(std::move(wait)), on_log_(std::move(on_log)) {}

PlanExecutor::~PlanExecutor() {
  try {
    undo_all();
  } catch (...) {
    // Destructors must not throw; undo_all logged what failed.
  }
}

void PlanExecutor::note(const std::string& line) {
  log_.push_back(line);
  if (on_log_) on_log_(line);
}

std::string PlanExecutor::Background::problem(bool block) {
  if (!result) {
    if (!block && future.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return "";
    result = future.get();  // bounded by the call's own deadline
  }
  if (!result->ok()) return "the fault's command failed: " + result->why();
  if (!must_print.empty() && result->out.find(must_print) == std::string::npos) {
    return fmt::format("the fault's command did not answer {}: {}", must_print, result->why());
  }
  return "";
}

bool PlanExecutor::confirm(const Probe& probe, Applied& fault, bool interruptible,
                           std::string* why) {
  Nanos deadline = mono_ns() + probe.deadline_s * kSeconds;
  std::string seen;
  while (true) {
    if (probe_holds(probe, run_kubectl(options_, probe.call), &seen)) {
      note(fmt::format("confirmed: {} ({})", probe.what, seen));
      return true;
    }
    for (auto& b : fault.background) {
      if (std::string problem = b.problem(false); !problem.empty()) {
        *why = problem;
        return false;
      }
    }
    Nanos left = deadline - mono_ns();
    if (left <= 0) {
      *why = fmt::format("not seen within {} s: {} (last seen: {})", probe.deadline_s, probe.what,
                         seen);
      return false;
    }
    if (wait_(std::min(left, kPollEvery)) && interruptible) {
      interrupted_ = true;
      *why = "interrupted before it was confirmed: " + probe.what;
      return false;
    }
  }
}

int PlanExecutor::apply(const FaultPlan& plan) {
  applied_.push_back({plan, {}, false});
  Applied& fault = applied_.back();
  std::string why;
  for (const auto& step : plan.apply) {
    note("apply: " + describe(options_, step.call));
    if (step.background) {
      fault.background.push_back(
          {std::async(std::launch::async, run_kubectl, options_, step.call), step.must_print, {}});
      continue;
    }
    KubectlResult r = run_kubectl(options_, step.call);
    if (!r.ok()) {
      why = "`" + describe(options_, step.call) + "` failed: " + r.why();
    } else if (!step.must_print.empty() && r.out.find(step.must_print) == std::string::npos) {
      why = fmt::format("`{}` did not answer {}: {}", describe(options_, step.call),
                        step.must_print, r.why());
    }
    if (!why.empty()) break;
  }
  for (const auto& probe : plan.confirm) {
    if (!why.empty() || !confirm(probe, fault, true, &why)) break;
  }
  if (why.empty()) {
    fault.confirmed = true;
    note(fmt::format("applied: {} {}", plan.verb, plan.target));
    return static_cast<int>(applied_.size()) - 1;
  }
  note(fmt::format("{} {} did not take effect: {}", plan.verb, plan.target, why));
  undo_applied(fault);
  throw EnvironmentError(fmt::format("{} {}: {} (undone)", plan.verb, plan.target, why));
}

bool PlanExecutor::undo(int id) {
  if (id < 0 || id >= static_cast<int>(applied_.size())) return false;
  return undo_applied(applied_[id]);
}

bool PlanExecutor::undo_applied(Applied& fault) {
  if (fault.undone) return true;
  fault.undone = true;
  bool ok = true;
  for (const auto& step : fault.plan.undo) {
    note("undo: " + describe(options_, step.call));
    KubectlResult r = run_kubectl(options_, step.call);
    if (!r.ok()) {
      note("undo failed: " + r.why());
      ok = false;
    }
  }
  for (auto& b : fault.background) {
    // A command that failed before its fault was confirmed was reported by apply() already.
    if (std::string problem = b.problem(true); !problem.empty() && fault.confirmed) {
      note(problem);
      ok = false;
    }
  }
  for (const auto& probe : fault.plan.undo_confirm) {
    std::string why;
    if (!confirm(probe, fault, false, &why)) {
      note("undo not confirmed: " + why);
      ok = false;
    }
  }
  if (ok) note(fmt::format("undone: {} {}", fault.plan.verb, fault.plan.target));
  return ok;
}

int PlanExecutor::undo_all() {
  int failed = 0;
  for (auto it = applied_.rbegin(); it != applied_.rend(); ++it) {
    if (!it->undone && !undo_applied(*it)) ++failed;
  }
  return failed;
}

}  // namespace rrt
