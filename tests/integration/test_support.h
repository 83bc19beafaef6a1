// Helpers for integration tests: run the rrt binary, find processes a test left behind.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace rrt::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `rrt <args>` with RRT_HOME=`home` and waits for it (at most `timeout_s`, then kills it).
CommandResult run_rrt(const std::vector<std::string>& args, const std::string& home,
                      int timeout_s = 120);

// Starts `rrt <args>` in the background; returns its pid (stdout/stderr go to files in home).
int start_rrt(const std::vector<std::string>& args, const std::string& home);

// Pids of live (non-zombie) processes whose working directory is under `dir`.
std::vector<int> processes_under(const std::string& dir);

// Waits up to `timeout_s` for processes_under(dir) to be empty; returns what is left.
std::vector<int> wait_no_processes_under(const std::string& dir, double timeout_s);

// `text` as JSON; an empty object if it is not JSON (so field lookups fail as expectations).
nlohmann::json parse_or_empty(const std::string& text);

// The JSON an rrt command printed (-o json): expects exit code 0, then parse_or_empty(out).
nlohmann::json json_of(const CommandResult& result);

// The nemesis events named `name` ("kill", "fault-error") of run directory `dir`, in order.
std::vector<nlohmann::json> nemesis_events(const std::string& dir, const std::string& name);

// A fresh directory for RRT_HOME, removed (with whatever runs in it killed) on destruction.
class TempHome {
 public:
  TempHome();
  ~TempHome();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace rrt::testing
