#include "cli/k8s_session.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

#include "base/errors.h"
#include "base/interrupt.h"
#include "k8s/job_runner.h"
#include "k8s/k8s_release.h"
#include "resp/url.h"

namespace rrt {

void print_line(const std::string& line) {
  fmt::print("{}\n", line);
  std::fflush(stdout);
}

void announce_kube_scope(KubectlOptions* kubectl) {
  KubeScope scope = kube_scope(*kubectl);
  kubectl->ns = scope.ns;
  print_line(fmt::format("kube context {}, namespace {}", scope.context, scope.ns));
}

Waiter interrupt_waiter(InterruptGuard& interrupts) {
  return [&interrupts](Nanos d) { return interrupts.wait_for(std::max<Nanos>(d, 0)) != 0; };
}

int run_release_job(KubectlOptions kubectl, const std::string& release,
                    const std::string& cluster_domain, const JobRequest& request,
                    const std::string& runs_dir) {
  announce_kube_scope(&kubectl);
  InterruptGuard interrupts(Interrupts::kCtrlCHangup);
  K8sRelease found = discover_release(kubectl, release, cluster_domain);
  JobSpec spec = job_for_release(found, request, unique_run_suffix());
  Waiter wait = [&interrupts](Nanos d) { return interrupts.wait_for(std::max<Nanos>(d, 0)) != 0; };
  JobRunner runner(kubectl, wait, print_line);
  runner.create(spec);
  JobOutcome outcome = runner.follow(spec.deadline_s + 120);
  runner.fetch(outcome, runs_dir);
  if (!runner.remove()) throw EnvironmentError("Job " + spec.name + " could not be deleted");
  return outcome.rrt_exit;
}

}  // namespace rrt
