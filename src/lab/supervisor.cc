#include "lab/supervisor.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "base/errors.h"
#include "base/process.h"
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

// Body of the supervisor process; never returns.
[[noreturn]] static void supervise(const LabSpec& spec, int ready_fd) {
  sigset_t waited;
  sigemptyset(&waited);
  for (int s : {SIGTERM, SIGINT, SIGHUP, SIGCHLD}) sigaddset(&waited, s);
  sigprocmask(SIG_BLOCK, &waited, nullptr);
  int code = 0;
  try {
    Lab lab(spec);
    // Working in the lab's directory lets anyone find the supervisor by its cwd.
    if (chdir(lab.dir().c_str()) != 0) throw EnvironmentError("cannot enter " + lab.dir());
    lab.start();
    prctl(PR_SET_PDEATHSIG, 0);  // ready: from now on the lab lives until `rrt lab down`
    write_all(ready_fd, "OK\n");
    close(ready_fd);
    for (;;) {
      siginfo_t info;
      if (sigwaitinfo(&waited, &info) < 0) continue;
      if (info.si_signo != SIGCHLD) break;
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
    Nanos deadline = mono_ns() + 15 * kSeconds;
    while (lab_owner_alive(record) && mono_ns() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  kill_lab_processes(record);
  std::error_code ec;
  std::filesystem::remove_all(lab_dir(name), ec);
}

}  // namespace rrt
