// Implementation of test_support.h (in a *_test.cc file so the test target's glob picks it up).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "test_support.h"

namespace rrt::testing {

namespace fs = std::filesystem;

static std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

static int spawn(const std::vector<std::string>& args, const std::string& home,
                 const std::string& out, const std::string& err) {
  pid_t pid = fork();
  if (pid == 0) {
    setenv("RRT_HOME", home.c_str(), 1);
    freopen(out.c_str(), "w", stdout);
    freopen(err.c_str(), "w", stderr);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(RRT_BINARY));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(RRT_BINARY, argv.data());
    _exit(127);
  }
  return pid;
}

int start_rrt(const std::vector<std::string>& args, const std::string& home) {
  return spawn(args, home, home + "/bg.out", home + "/bg.err");
}

CommandResult run_rrt(const std::vector<std::string>& args, const std::string& home,
                      int timeout_s) {
  static std::atomic<int> counter = 0;  // run_rrt may be called from several threads
  std::string base = home + "/cmd" + std::to_string(++counter);
  int pid = spawn(args, home, base + ".out", base + ".err");
  CommandResult r;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      r.err = "timed out\n";
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = slurp(base + ".out");
  r.err += slurp(base + ".err");
  return r;
}

std::vector<int> processes_under(const std::string& dir) {
  std::vector<int> pids;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/proc", ec)) {
    std::string name = entry.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::string cwd = fs::read_symlink(entry.path() / "cwd", ec).string();
    if (ec || cwd.rfind(dir, 0) != 0) continue;
    std::string stat = slurp(entry.path().string() + "/stat");
    size_t close = stat.rfind(')');
    if (close != std::string::npos && close + 2 < stat.size() && stat[close + 2] == 'Z') continue;
    pids.push_back(std::stoi(name));
  }
  return pids;
}

std::vector<int> wait_no_processes_under(const std::string& dir, double timeout_s) {
  auto deadline = std::chrono::steady_clock::now() +
                  std::chrono::milliseconds(static_cast<int>(timeout_s * 1000));
  std::vector<int> left = processes_under(dir);
  while (!left.empty() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    left = processes_under(dir);
  }
  return left;
}

TempHome::TempHome() {
  char tmpl[] = "/tmp/rrt-test-XXXXXX";
  path_ = mkdtemp(tmpl);
}

TempHome::~TempHome() {
  for (int pid : processes_under(path_)) kill(pid, SIGKILL);
  std::error_code ec;
  fs::remove_all(path_, ec);
}

nlohmann::json parse_or_empty(const std::string& text) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  return j.is_discarded() ? nlohmann::json::object() : j;
}

nlohmann::json json_of(const CommandResult& r) {
  EXPECT_EQ(r.exit_code, 0) << r.err << r.out;
  return parse_or_empty(r.out);
}

std::vector<nlohmann::json> nemesis_events(const std::string& dir, const std::string& name) {
  std::vector<nlohmann::json> out;
  std::ifstream in(dir + "/events.jsonl");
  for (std::string line; std::getline(in, line);) {
    nlohmann::json e = nlohmann::json::parse(line);
    if (e["source"] == "nemesis" && e["name"] == name) out.push_back(e);
  }
  return out;
}

}  // namespace rrt::testing
