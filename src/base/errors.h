// Errors that end a command, and the exit codes they map to.
//
// rrt reports set-up and configuration problems by throwing one of these; the CLI catches them
// in one place and exits with the matching code. Per-operation outcomes against Redis (ok, fail,
// info) are never exceptions: they are values (see resp/outcome.h), because they are data.
#pragma once

#include <stdexcept>
#include <string>

namespace rrt {

// Exit codes shared by every command.
enum ExitCode : int {
  kExitOk = 0,           // ran, every check passed
  kExitAnomaly = 1,      // ran, a check found an anomaly
  kExitUsage = 2,        // bad flag, bad file, bad value
  kExitEnvironment = 3,  // could not start or reach Redis, missing binaries, no permission
  kExitUnknown = 4,      // ran, but a checker could not decide (budget exhausted)
};

// Bad input from the user: flag, file, key, value. Message says where and what was expected.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The environment failed us: a port in use, a process that did not start, an address that did
// not answer before its deadline.
class EnvironmentError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace rrt
