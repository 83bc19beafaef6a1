// Running kubectl: the one place that adds --kubeconfig / --context / --namespace and a deadline
// (coreutils `timeout`) to every call. kubectl is looked up in PATH (tests put a fake first).
#pragma once

#include <string>
#include <vector>

#include "base/clock.h"

namespace rrt {

struct KubectlOptions {
  std::string binary = "kubectl";
  std::string kubeconfig;  // empty: kubectl's default
  std::string context;     // empty: the current context
  std::string ns;          // empty: the context's namespace
  int timeout_s = 30;      // per call
};

struct KubectlCall {
  std::vector<std::string> args;  // after the global flags, e.g. {"get", "pods", "-o", "json"}
  std::string input;              // stdin (a manifest for `apply -f -`)
};

// The full argv, global flags first: {"kubectl", "--kubeconfig", ..., "-n", ns, args...}.
std::vector<std::string> kubectl_argv(const KubectlOptions& options, const KubectlCall& call);

// One line for logs and plans: "kubectl -n shop delete pod shop-redis-node-0 ...".
std::string describe(const KubectlOptions& options, const KubectlCall& call);

struct KubectlResult {
  int exit_code = -1;
  std::string out, err;
  bool ok() const { return exit_code == 0; }
};

// Runs it; never throws for a kubectl failure (see the result), EnvironmentError when kubectl
// is not installed.
KubectlResult run_kubectl(const KubectlOptions& options, const KubectlCall& call);

// run_kubectl, or EnvironmentError quoting the command, its exit code (124: timed out) and stderr.
std::string must_kubectl(const KubectlOptions& options, const KubectlCall& call);

}  // namespace rrt
