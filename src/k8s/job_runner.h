// `rrt k8s run`: creates the in-cluster Job (job_manifest.h), follows it (the pod's phase, the
// run's status lines from its log), copies its run directory back (kubectl cp, which streams a
// tar through exec), and deletes the Job, confirming it and its pod are gone. A JobRunner that
// is destroyed with its Job still there deletes it: after an error, or an interrupt.
#pragma once

#include <functional>
#include <string>

#include "k8s/job_manifest.h"
#include "k8s/kubectl.h"

namespace rrt {

struct JobOutcome {
  int rrt_exit = -1;      // the in-cluster rrt's exit code
  std::string pod_dir;    // the run directory in the pod ("/runs/<scenario>/<stamp>")
  std::string local_dir;  // where it was copied ("<runs root>/<scenario>/<stamp>")
  std::string verdict;    // results.json's verdict; empty if the run wrote none
};

class JobRunner {
 public:
  JobRunner(KubectlOptions kubectl, Waiter wait, std::function<void(const std::string&)> out);
  ~JobRunner();
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  // Creates the Job (and its RBAC objects when it has API access). Throws EnvironmentError if
  // kubectl refuses or the Job does not show up.
  void create(const JobSpec& spec);
  // Follows the Job until its rrt has ended, at most `deadline_s`. Throws EnvironmentError when
  // the pod cannot start (image not pullable, missing Secret), ends without rrt's exit line, the
  // deadline passes, or `wait` reports an interrupt.
  JobOutcome follow(int deadline_s);
  // Copies outcome.pod_dir to <runs_root>/... and reads its verdict; throws EnvironmentError if
  // the copy has no results.json.
  void fetch(JobOutcome& outcome, const std::string& runs_root);
  // Deletes the Job and what came with it; true once the API no longer has them (within 120 s).
  bool remove();

 private:
  // One look at the Job's pod: prints a changed phase and new log lines; true when rrt ended.
  bool look(JobOutcome& outcome);
  void say(const std::string& line) {
    if (out_) out_(line);
  }

  KubectlOptions kubectl_;
  Waiter wait_;
  std::function<void(const std::string&)> out_;
  JobSpec spec_;
  bool created_ = false;
  std::string pod_, phase_;
  std::size_t printed_ = 0;  // log lines printed so far
};

// A name part that differs per run: "<UTC yyyymmdd-hhmmss>-<4 hex>".
std::string unique_run_suffix();

}  // namespace rrt
