// The Job that runs `rrt run` inside the cluster, where the pod addresses Sentinel announces are
// reachable, and keeps its run directory until it is fetched.
//
// Least privilege: the pod gets no service account token unless the run drives the Kubernetes API
// itself (a k8s:// target); then, and only then, its own ServiceAccount with a Role limited to what
// the kubectl faults need. It runs as a non-root user with a read-only root filesystem, no
// privilege escalation and no capabilities; runs go to an emptyDir. imagePullPolicy IfNotPresent,
// so an image loaded into the nodes (`kind load docker-image`) is used as is. The password comes
// only from the Secret the redis pods reference (env RRT_PASSWORD): never in the manifest.
//
// The container runs `rrt ARGS`, then prints "rrt-k8s: exit N" and "rrt-k8s: run-dir PATH", and
// waits up to fetch_wait_s for the directory to be fetched (or /runs/.fetched to appear).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "k8s/k8s_release.h"

namespace rrt {

struct JobSpec {
  std::string name;  // unique per run: job_name()
  std::string ns;
  std::string image = "rrt:latest";
  std::vector<std::string> rrt_args;  // after "rrt": run SCENARIO --target URL ...
  std::string password_secret;        // env RRT_PASSWORD from this Secret; empty: none
  std::string password_key;
  bool api_access = false;  // ServiceAccount + Role + RoleBinding named like the Job
  int deadline_s = 1800;    // activeDeadlineSeconds
  int fetch_wait_s = 600;   // how long the finished run waits to be fetched
};

struct JobRequest {
  std::string scenario = "sentinel-manual-failover";
  std::string target;  // empty: the release's suggested_target()
  std::string image = "rrt:latest";
  bool allow_faults = false;
  int max_rate = 200;
  int deadline_s = 1800;
};

// The Job for running `request` against `release`, named job_name(release.name, unique). Throws
// UsageError when the target carries a password (it would end up in the manifest) or when the
// release offers no target.
JobSpec job_for_release(const K8sRelease& release, const JobRequest& request,
                        const std::string& unique);

// "rrt-<release>-<unique>", cut to 63 characters.
std::string job_name(const std::string& release, const std::string& unique);

// The objects to create, in order, as a List (kubectl create -f - takes it as JSON).
nlohmann::json job_objects(const JobSpec& spec);

// The same as YAML-compatible text for people (`rrt k8s job`): JSON, indented.
std::string job_manifest(const JobSpec& spec);

// Where the container keeps runs.
inline constexpr const char* kJobRunsDir = "/runs";

}  // namespace rrt
