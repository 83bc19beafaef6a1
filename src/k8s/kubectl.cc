#include "k8s/kubectl.h"

#include <fmt/format.h>

#include "base/errors.h"
#include "base/run_tool.h"

namespace rrt {

namespace {

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s;
}

}  // namespace

std::vector<std::string> kubectl_argv(const KubectlOptions& o, const KubectlCall& call) {
  std::vector<std::string> argv = {o.binary};
  if (!o.kubeconfig.empty()) argv.insert(argv.end(), {"--kubeconfig", o.kubeconfig});
  if (!o.context.empty()) argv.insert(argv.end(), {"--context", o.context});
  if (!o.ns.empty()) argv.insert(argv.end(), {"-n", o.ns});
  argv.insert(argv.end(), call.args.begin(), call.args.end());
  return argv;
}

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string describe(const KubectlOptions& o, const KubectlCall& call) {
  std::string s;
  for (const auto& a : kubectl_argv(o, call)) {
    bool plain = !a.empty() && a.find_first_of(" '\"$;&|<>(){}*?\\\n") == std::string::npos;
    s += (s.empty() ? "" : " ") + (plain ? a : shell_quote(a));
  }
  return call.input.empty() ? s : s + " <<manifest";
}

bool KubectlResult::not_found() const {
  return exit_code != 0 && (err.find("(NotFound)") != std::string::npos ||
                            err.find(" not found") != std::string::npos);
}

std::string KubectlResult::why() const {
  std::string s = exit_code == 124 ? "timed out" : fmt::format("exit code {}", exit_code);
  if (!trimmed(err).empty()) s += ": " + trimmed(err);
  if (!trimmed(out).empty()) s += (trimmed(err).empty() ? ": " : "; output: ") + trimmed(out);
  return s;
}

KubectlResult run_kubectl(const KubectlOptions& o, const KubectlCall& call) {
  int timeout = call.timeout_s > 0 ? call.timeout_s : o.timeout_s;
  std::vector<std::string> argv = {"timeout", "-k", "5", std::to_string(timeout)};
  for (auto& a : kubectl_argv(o, call)) argv.push_back(std::move(a));
  ToolResult r = run_tool(argv, "", call.input);
  if (r.exit_code == 127) {
    throw EnvironmentError(fmt::format(
        "{} not found in PATH: install kubectl (Debian: kubernetes-client) or pass --kubectl",
        o.binary));
  }
  return {r.exit_code, r.out, r.err};
}

std::string must_kubectl(const KubectlOptions& o, const KubectlCall& call) {
  KubectlResult r = run_kubectl(o, call);
  if (r.ok()) return r.out;
  throw EnvironmentError(fmt::format("`{}` failed ({})", describe(o, call), r.why()));
}

KubeScope kube_scope(const KubectlOptions& o) {
  KubeScope s;
  s.context = o.context;
  if (s.context.empty()) {
    KubectlResult r = run_kubectl(o, {{"config", "current-context"}, ""});
    s.context = r.ok() ? trimmed(r.out) : "(in-cluster)";
  }
  s.ns = o.ns;
  if (s.ns.empty()) {
    KubectlResult r =
        run_kubectl(o, {{"config", "view", "--minify", "-o", "jsonpath={..namespace}"}, ""});
    s.ns = r.ok() && !trimmed(r.out).empty() ? trimmed(r.out) : "default";
  }
  return s;
}

}  // namespace rrt
