// What the commands that act on a Kubernetes cluster share (docs/kubernetes.md): saying where
// they act, waits that Ctrl-C ends, and running a scenario inside the cluster as a Job (what
// `rrt k8s run` and `rrt run --target k8s://...` both do).
#pragma once

#include <string>

#include "base/interrupt.h"
#include "k8s/job_manifest.h"
#include "k8s/k8s_target.h"
#include "k8s/kubectl.h"

namespace rrt {

// One line to stdout, flushed (a followed Job's lines appear as they come).
void print_line(const std::string& line);

// Prints "kube context C, namespace N" and pins the namespace for every later call.
void announce_kube_scope(KubectlOptions* kubectl);

// While a command acts on the cluster, SIGINT, SIGTERM and SIGHUP end its waits instead of the
// process (base/interrupt.h): what was applied is then undone.
Waiter interrupt_waiter(InterruptGuard& interrupts);

// Prints the kube context and namespace first, then creates the Job for `request` against
// `release` (found through kubectl), follows it, copies its run directory under `runs_dir` and
// deletes the Job. Ctrl-C, SIGTERM and SIGHUP end the wait and the Job is still deleted.
// Returns the exit code of the rrt inside the Job. Throws EnvironmentError when the Job could
// not run or be deleted, UsageError for a release or request that cannot make a Job.
int run_release_job(KubectlOptions kubectl, const std::string& release,
                    const std::string& cluster_domain, const JobRequest& request,
                    const std::string& runs_dir);

}  // namespace rrt
