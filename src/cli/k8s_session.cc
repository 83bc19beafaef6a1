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

namespace {

std::vector<std::string> split_slashes(const std::string& s) {
  std::vector<std::string> parts;
  std::size_t from = 0;
  for (std::size_t at; (at = s.find('/', from)) != std::string::npos; from = at + 1) {
    parts.push_back(s.substr(from, at - from));
  }
  parts.push_back(s.substr(from));
  return parts;
}

}  // namespace

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

K8sTarget parse_k8s_target(const std::string& url) {
  UrlParts p = split_url(url);
  const char* form = "expected k8s://[CONTEXT/]NAMESPACE/RELEASE";
  if (p.scheme != Scheme::kK8s) {
    throw UsageError(fmt::format("bad URL '{}': not a k8s:// URL; {}", p.shown, form));
  }
  if (!p.user.empty() || !p.password.empty()) {
    throw UsageError(fmt::format(
        "bad URL '{}': a k8s:// target takes no user or password (the Job reads the password "
        "from the Secret the redis pods use); {}",
        p.shown, form));
  }
  std::vector<std::string> rest = p.has_path ? split_slashes(p.path) : std::vector<std::string>{};
  K8sTarget t;
  if (rest.size() == 1) {
    t = {"", p.authority, rest[0]};
  } else if (rest.size() == 2) {
    t = {p.authority, rest[0], rest[1]};
  } else {
    throw UsageError(fmt::format("bad URL '{}': {}", p.shown, form));
  }
  if (t.ns.empty() || t.release.empty() || (rest.size() == 2 && t.context.empty())) {
    throw UsageError(fmt::format("bad URL '{}': an empty part; {}", p.shown, form));
  }
  return t;
}

}  // namespace rrt
