#include "k8s/kubectl.h"

#include <fmt/format.h>

#include "base/errors.h"
#include "net/net_tool.h"

namespace rrt {

std::vector<std::string> kubectl_argv(const KubectlOptions& o, const KubectlCall& call) {
  std::vector<std::string> argv = {o.binary};
  if (!o.kubeconfig.empty()) argv.insert(argv.end(), {"--kubeconfig", o.kubeconfig});
  if (!o.context.empty()) argv.insert(argv.end(), {"--context", o.context});
  if (!o.ns.empty()) argv.insert(argv.end(), {"-n", o.ns});
  argv.insert(argv.end(), call.args.begin(), call.args.end());
  return argv;
}

std::string describe(const KubectlOptions& o, const KubectlCall& call) {
  std::string s;
  for (const auto& a : kubectl_argv(o, call)) s += (s.empty() ? "" : " ") + a;
  return call.input.empty() ? s : s + " <<manifest";
}

KubectlResult run_kubectl(const KubectlOptions& o, const KubectlCall& call) {
  std::vector<std::string> argv = {"timeout", std::to_string(o.timeout_s)};
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
  std::string why = r.exit_code == 124 ? fmt::format("timed out after {} s", o.timeout_s) : r.err;
  while (!why.empty() && why.back() == '\n') why.pop_back();
  throw EnvironmentError(
      fmt::format("`{}` failed (exit code {}): {}", describe(o, call), r.exit_code, why));
}

}  // namespace rrt
