// Child processes that cannot outlive rrt.
#pragma once

#include <string>
#include <vector>

#include "base/clock.h"

namespace rrt {

struct SpawnOptions {
  std::vector<std::string> argv;  // argv[0] is looked up in PATH
  std::string dir;                // working directory
  std::string output;             // file for stdout and stderr; empty: /dev/null
  std::string netns;              // network namespace to enter first; empty: stay in ours
};

// Forks and execs. The child gets its own process group (so a Ctrl-C at the terminal reaches
// rrt, which then stops the lab in order) and PR_SET_PDEATHSIG=SIGKILL, so it dies when the
// calling *thread* ends: call this from a thread that lives as long as the child should.
// Throws EnvironmentError if the fork fails; an exec failure shows as an exit with status 127.
int spawn_process(const SpawnOptions& options);

// True if `pid` exists and, when `start_time` is non-zero, started at that time (guards
// against a recycled pid).
bool process_alive(int pid, long long start_time = 0);

// Start time of `pid` in clock ticks since boot (/proc/PID/stat field 22); 0 if it is gone.
long long process_start_time(int pid);

// Command line of `pid` with spaces between arguments; empty if it is gone.
std::string process_cmdline(int pid);

// Reaps `pid` if it is our child and has exited; returns true if it is gone.
bool reap_if_exited(int pid);

// Sends SIGTERM, waits up to `grace`, then SIGKILL; reaps it if it is our child. Never blocks
// for longer than grace plus a second.
void terminate_process(int pid, Nanos grace);

// Full path of an executable found in PATH, or empty.
std::string find_in_path(const std::string& name);

}  // namespace rrt
