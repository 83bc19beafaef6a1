// Running kubectl: the one place that adds --kubeconfig / --context / --namespace and a deadline
// (coreutils `timeout`) to every call. kubectl is looked up in PATH (tests put a fake first: no
// Kubernetes API can run where rrt is developed).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/clock.h"

namespace rrt {

struct KubectlOptions {
  std::string binary = "kubectl";
  std::string kubeconfig;  // empty: kubectl's default
  std::string context;     // empty: the current context
  std::string ns;          // empty: the context's namespace
  int timeout_s = 30;      // per call, unless the call sets its own
};

struct KubectlCall {
  std::vector<std::string> args;  // after the global flags, e.g. {"get", "pods", "-o", "json"}
  std::string input;              // stdin (a manifest for `create -f -`)
  int timeout_s = 0;              // 0: KubectlOptions::timeout_s
};

// The full argv, global flags first: {"kubectl", "--kubeconfig", ..., "-n", ns, args...}.
std::vector<std::string> kubectl_argv(const KubectlOptions& options, const KubectlCall& call);

// One line for logs and plans: "kubectl -n shop delete pod shop-redis-node-0 ...", quoted so
// that it can be pasted into sh (a manifest on stdin shows as "<<manifest").
std::string describe(const KubectlOptions& options, const KubectlCall& call);

// 'text' for sh, with embedded single quotes escaped.
std::string shell_quote(const std::string& text);

struct KubectlResult {
  int exit_code = -1;  // 124: the call's deadline passed
  std::string out, err;
  bool ok() const { return exit_code == 0; }
  // kubectl's "Error from server (NotFound)": the object does not exist.
  bool not_found() const;
  // One line for error messages: exit code, stderr and stdout, trimmed.
  std::string why() const;
};

// Runs it; never throws for a kubectl failure (see the result), EnvironmentError when kubectl
// is not installed.
KubectlResult run_kubectl(const KubectlOptions& options, const KubectlCall& call);

// run_kubectl, or EnvironmentError quoting the command, its exit code (124: timed out) and output.
std::string must_kubectl(const KubectlOptions& options, const KubectlCall& call);

// Where kubectl acts: the context and namespace, as printed before rrt changes anything.
struct KubeScope {
  std::string context;  // "(in-cluster)" when kubectl has no kubeconfig context
  std::string ns;       // "default" when neither -n nor the context names one
};
KubeScope kube_scope(const KubectlOptions& options);

// Waits up to `d`; returns true if the wait was cut short by an interrupt (Ctrl-C, SIGTERM,
// SIGHUP), after which rrt only undoes. The CLI passes a signal-aware wait; tests a plain one.
using Waiter = std::function<bool(Nanos d)>;

}  // namespace rrt
