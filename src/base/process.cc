#include "base/process.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "base/errors.h"
#include "base/wait.h"

namespace rrt {

// Runs in the child between fork and exec: only async-signal-safe calls from here on.
// `netns_path` is built before fork: malloc is not safe here when other threads exist.
[[noreturn]] static void exec_child(const SpawnOptions& o, const std::string& netns_path,
                                    char** argv, pid_t parent) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) _exit(126);  // the parent died before prctl took effect
  setpgid(0, 0);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);  // a lab owner may block signals; Redis must not
  if (!netns_path.empty()) {
    int fd = open(netns_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || setns(fd, CLONE_NEWNET) != 0) _exit(125);
  }
  int null_fd = open("/dev/null", O_RDONLY);
  if (null_fd >= 0) dup2(null_fd, 0);
  int out = o.output.empty() ? open("/dev/null", O_WRONLY)
                             : open(o.output.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (out >= 0) {
    dup2(out, 1);
    dup2(out, 2);
  }
  if (!o.dir.empty() && chdir(o.dir.c_str()) != 0) _exit(124);
  // Close every other inherited descriptor (sockets of rrt's own clients, lock files).
  for (int fd = 3; fd < 1024; ++fd) close(fd);
  execvp(argv[0], argv);
  _exit(127);
}

int spawn_process(const SpawnOptions& options) {
  std::vector<char*> argv;
  for (const auto& a : options.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::string netns_path = options.netns.empty() ? "" : "/var/run/netns/" + options.netns;
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) throw EnvironmentError(fmt::format("fork failed: {}", std::strerror(errno)));
  if (pid == 0) exec_child(options, netns_path, argv.data(), parent);
  setpgid(pid, pid);  // also from the parent, so it holds before we signal the group
  return pid;
}

long long process_start_time(int pid) {
  std::ifstream in(fmt::format("/proc/{}/stat", pid));
  std::string stat;
  if (!std::getline(in, stat)) return 0;
  // The command name (field 2) may contain spaces; fields after it start behind the last ')'.
  size_t close = stat.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream rest(stat.substr(close + 2));
  std::string field;
  for (int i = 3; i <= 22 && rest >> field; ++i) {
    if (i == 3 && field == "Z") return 0;  // a zombie is as good as gone
    if (i == 22) return std::stoll(field);
  }
  return 0;
}

bool process_alive(int pid, long long start_time) {
  if (pid <= 0) return false;
  long long actual = process_start_time(pid);
  if (actual == 0) return false;
  return start_time == 0 || actual == start_time;
}

std::string process_cmdline(int pid) {
  std::ifstream in(fmt::format("/proc/{}/cmdline", pid), std::ios::binary);
  std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (char& c : raw) {
    if (c == '\0') c = ' ';
  }
  while (!raw.empty() && raw.back() == ' ') raw.pop_back();
  return raw;
}

bool reap_if_exited(int pid) {
  int status = 0;
  pid_t r = waitpid(pid, &status, WNOHANG);
  if (r == pid) return true;
  if (r < 0 && errno == ECHILD) return !process_alive(pid);  // not our child
  return false;
}

void terminate_process(int pid, Nanos grace) {
  if (pid <= 0) return;
  kill(pid, SIGCONT);  // a paused process cannot act on SIGTERM
  kill(pid, SIGTERM);
  SystemClock clock;
  if (wait_until(clock, grace, 10 * kMillis, [&] { return reap_if_exited(pid); })) return;
  kill(pid, SIGKILL);
  wait_until(clock, kSeconds, 5 * kMillis, [&] { return reap_if_exited(pid); });
}

std::string find_in_path(const std::string& name) {
  const char* path = getenv("PATH");
  std::istringstream dirs(path ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    std::string full = dir + "/" + name;
    if (access(full.c_str(), X_OK) == 0) return full;
  }
  return "";
}

}  // namespace rrt
