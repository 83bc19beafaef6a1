#include "lab/supervisor.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "base/errors.h"
#include "base/interrupt.h"
#include "base/process.h"
#include "base/wait.h"
#include "lab/lab.h"
#include "lab/lab_registry.h"

namespace rrt {

static void write_all(int fd, const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

// Points stdin at /dev/null and stdout/stderr at `path` (or /dev/null if it cannot be opened),
// so the supervisor keeps none of its caller's descriptors: `URL=$(rrt lab up ...)` and
// `rrt lab up ... | tee log` return when rrt does, not when the lab goes.
static void detach_stdio(const char* path) {
  int in = open("/dev/null", O_RDONLY | O_CLOEXEC);
  int out = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (out < 0) out = open("/dev/null", O_WRONLY | O_CLOEXEC);
  if (in >= 0) dup2(in, 0);  // dup2 clears O_CLOEXEC on 0, 1 and 2
  if (out >= 0) {
    dup2(out, 1);
    dup2(out, 2);
  }
  for (int fd : {in, out}) {
    if (fd > 2) close(fd);
  }
}

// Body of the supervisor process; never returns.
[[noreturn]] static void supervise(const LabSpec& spec, int ready_fd) {
  detach_stdio("/dev/null");
  // Ctrl-C, SIGTERM (`rrt lab down`) or SIGHUP end the lab; SIGCHLD is a node that exited.
  InterruptGuard signals(Interrupts::kCtrlCHangup, {SIGCHLD});
  int code = 0;
  try {
    Lab lab(spec);
    // Working in the lab's directory lets anyone find the supervisor by its cwd.
    if (chdir(lab.dir().c_str()) != 0) throw EnvironmentError("cannot enter " + lab.dir());
    detach_stdio("supervisor.log");  // what the supervisor itself prints, next to the nodes' logs
    lab.start();
    prctl(PR_SET_PDEATHSIG, 0);  // ready: from now on the lab lives until `rrt lab down`
    write_all(ready_fd, "OK\n");
    close(ready_fd);
    while (signals.wait_for(-1) == SIGCHLD) {
      for (int pid; (pid = waitpid(-1, nullptr, WNOHANG)) > 0;) lab.on_child_exit(pid);
    }
    lab.stop();
  } catch (const UsageError& e) {
    write_all(ready_fd, fmt::format("USAGE {}\n", e.what()));
    code = 1;
  } catch (const std::exception& e) {
    write_all(ready_fd, fmt::format("ENV {}\n", e.what()));
    code = 1;
  }
  _exit(code);
}

void start_supervised_lab(const LabSpec& spec) {
  spec.validate();
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) throw EnvironmentError("pipe failed");
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) throw EnvironmentError("fork failed");
  if (pid == 0) {
    close(fds[0]);
    setsid();  // no controlling terminal: a later Ctrl-C in the user's shell does not reach it
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(1);
    supervise(spec, fds[1]);
  }
  close(fds[1]);
  std::string message;
  char buf[512];
  for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    message.append(buf, static_cast<size_t>(n));
  }
  close(fds[0]);
  if (message.rfind("OK", 0) == 0) return;
  waitpid(pid, nullptr, 0);
  while (!message.empty() && message.back() == '\n') message.pop_back();
  if (message.rfind("USAGE ", 0) == 0) throw UsageError(message.substr(6));
  if (message.rfind("ENV ", 0) == 0) throw EnvironmentError(message.substr(4));
  throw EnvironmentError("the lab supervisor died during start-up");
}

void stop_lab(const std::string& name) {
  nlohmann::json record = read_lab_record(name);
  if (!record.is_object()) {
    std::string names;
    for (const auto& lab : registered_labs()) {
      names += (names.empty() ? "" : ", ") + lab.value("name", std::string("?"));
    }
    throw UsageError(
        fmt::format("no lab named '{}' is up (labs up: {})", name, names.empty() ? "none" : names));
  }
  int owner = record.value("owner_pid", 0);
  if (owner != getpid() && lab_owner_alive(record)) {
    kill(owner, SIGTERM);
    SystemClock clock;
    wait_until(clock, 15 * kSeconds, 20 * kMillis, [&] { return !lab_owner_alive(record); });
  }
  kill_lab_processes(record);
  std::error_code ec;
  std::filesystem::remove_all(lab_dir(name), ec);
}

}  // namespace rrt
