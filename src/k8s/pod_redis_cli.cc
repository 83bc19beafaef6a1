#include "k8s/pod_redis_cli.h"

#include <fmt/format.h>

namespace rrt {

namespace {

// The assignment that makes redis-cli authenticate, or "" without a password.
std::string auth_assignment(const PasswordSource& p) {
  switch (p.kind) {
    case PasswordSource::kFile:
      return "REDISCLI_AUTH=\"$(cat \"$REDIS_PASSWORD_FILE\")\" ";
    case PasswordSource::kEnv:
      return "REDISCLI_AUTH=\"$REDIS_PASSWORD\" ";
    case PasswordSource::kNone:
      break;
  }
  return "";
}

KubectlCall exec_sh(const K8sPod& pod, const std::string& script, int timeout_s) {
  return {{"exec", pod.name, "-c", "redis", "--", "sh", "-c", script}, "", timeout_s};
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s;
}

}  // namespace

KubectlCall pod_redis_cli(const K8sPod& pod, const std::vector<std::string>& args, int timeout_s) {
  std::string script = auth_assignment(pod.password) +
                       fmt::format("redis-cli -e -h 127.0.0.1 -p {}", pod.redis_port);
  for (const auto& a : args) script += " " + shell_quote(a);
  return exec_sh(pod, script, timeout_s);
}

KubectlCall ping_probe(const K8sPod& from, const std::string& host, int port, int answer_ms) {
  std::string script = fmt::format(
      "{}timeout {}.{:03d} redis-cli -h {} -p {} PING 2>&1; "
      "echo \"rrt-probe-exit=$?\"",
      auth_assignment(from.password), answer_ms / 1000, answer_ms % 1000, shell_quote(host), port);
  return exec_sh(from, script, 15);
}

PingSeen judge_ping(const KubectlResult& r) {
  const std::string marker = "rrt-probe-exit=";
  std::size_t at = r.out.rfind(marker);
  if (!r.ok() || at == std::string::npos) return {PingOutcome::kError, r.why()};
  int code = std::atoi(r.out.c_str() + at + marker.size());
  std::string said = trimmed(r.out.substr(0, at));
  if (code == 124) return {PingOutcome::kSilent, "no reply in time"};
  if (said.find("Could not connect") != std::string::npos) return {PingOutcome::kUnreachable, said};
  if (code == 0 && !said.empty()) return {PingOutcome::kAnswered, said};
  return {PingOutcome::kError, fmt::format("exit code {}: {}", code, said)};
}

}  // namespace rrt
