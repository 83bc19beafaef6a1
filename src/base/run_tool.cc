#include "base/run_tool.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "base/errors.h"
#include "base/process.h"

namespace rrt {

namespace {

// A started tool: its pid and the read ends of its stdout and stderr.
struct Child {
  int pid = -1;
  int out = -1;
  int err = -1;
};

std::string joined(const std::vector<std::string>& argv) {
  std::string s;
  for (const auto& a : argv) s += (s.empty() ? "" : " ") + a;
  return s;
}

// Forks and execs one tool. Everything the child needs (path, argv, namespace fd) is prepared
// before fork, so the child makes only async-signal-safe calls: other threads may hold locks.
Child start_tool(const ToolCall& call) {
  std::string path = find_in_path(call.argv.at(0));
  if (path.empty()) {
    throw EnvironmentError(
        fmt::format("{} not found in PATH (ip and tc: Debian iproute2; iptables-restore: "
                    "iptables; timeout: coreutils)",
                    call.argv[0]));
  }
  std::vector<char*> argv;
  for (const auto& a : call.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  int ns_fd = -1;
  if (!call.netns.empty()) {
    ns_fd = open(("/run/netns/" + call.netns).c_str(), O_RDONLY | O_CLOEXEC);
    if (ns_fd < 0) throw EnvironmentError(fmt::format("no network namespace '{}'", call.netns));
  }
  int in[2], out[2], err[2];
  if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC)) {
    throw EnvironmentError("pipe failed");
  }
  int pid = fork();
  if (pid == 0) {
    // The caller may block SIGINT/SIGTERM/SIGHUP to wait for them (sigtimedwait); a tool must
    // not inherit that mask, or `timeout` could not stop what it runs.
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    if (ns_fd >= 0 && setns(ns_fd, CLONE_NEWNET) != 0) _exit(125);
    dup2(in[0], 0);
    dup2(out[1], 1);
    dup2(err[1], 2);
    execv(path.c_str(), argv.data());
    _exit(127);
  }
  for (int fd : {in[0], out[1], err[1], ns_fd}) {
    if (fd >= 0) close(fd);
  }
  if (pid < 0) {
    for (int fd : {in[1], out[0], err[0]}) close(fd);
    throw EnvironmentError(fmt::format("fork failed: {}", std::strerror(errno)));
  }
  size_t done = 0;
  while (done < call.input.size()) {
    ssize_t n = write(in[1], call.input.data() + done, call.input.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  close(in[1]);
  return {pid, out[0], err[0]};
}

// Reads the child's stdout and stderr to their ends, then reaps it.
ToolResult finish_tool(Child child) {
  ToolResult r;
  pollfd fds[2] = {{child.out, POLLIN, 0}, {child.err, POLLIN, 0}};
  std::string* sinks[2] = {&r.out, &r.err};
  int open_fds = 2;
  while (open_fds > 0) {
    if (poll(fds, 2, -1) < 0 && errno != EINTR) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      char buf[4096];
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        sinks[i]->append(buf, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  int status = 0;
  while (waitpid(child.pid, &status, 0) < 0 && errno == EINTR) {
  }
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

std::string failure(const ToolCall& call, const ToolResult& r) {
  std::string where = call.netns.empty() ? "" : fmt::format(" (in netns {})", call.netns);
  std::string why = r.exit_code == 125 ? "cannot enter the namespace" : r.err;
  while (!why.empty() && why.back() == '\n') why.pop_back();
  return fmt::format("`{}`{} failed with exit code {}: {}", joined(call.argv), where, r.exit_code,
                     why);
}

}  // namespace

ToolResult run_tool(const std::vector<std::string>& argv, const std::string& netns,
                    const std::string& input) {
  return finish_tool(start_tool({argv, netns, input}));
}

std::string must_run_tool(const std::vector<std::string>& argv, const std::string& netns,
                          const std::string& input) {
  ToolCall call{argv, netns, input};
  ToolResult r = finish_tool(start_tool(call));
  if (!r.ok()) throw EnvironmentError(failure(call, r));
  return r.out;
}

void must_run_tools(const std::vector<ToolCall>& calls) {
  std::vector<Child> children;
  std::string first_error;
  for (const auto& call : calls) {
    try {
      children.push_back(start_tool(call));
    } catch (const EnvironmentError& e) {
      if (first_error.empty()) first_error = e.what();
      children.push_back({});
    }
  }
  for (size_t i = 0; i < calls.size(); ++i) {
    if (children[i].pid < 0) continue;
    ToolResult r = finish_tool(children[i]);
    if (!r.ok() && first_error.empty()) first_error = failure(calls[i], r);
  }
  if (!first_error.empty()) throw EnvironmentError(first_error);
}

}  // namespace rrt
