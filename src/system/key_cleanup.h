// Removing the keys one run wrote to an external target: SCAN MATCH <prefix>* + UNLINK on the
// master, bounded in SCAN calls and time. Never FLUSHALL, never a key outside the prefix.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "resp/connection.h"

namespace rrt {

struct CleanupLimits {
  int max_scans = 10000;           // SCAN calls at most
  Nanos deadline = 30 * kSeconds;  // for the whole cleanup
};

struct CleanupResult {
  long long removed = 0;  // keys UNLINK removed
  int scans = 0;
  bool complete = false;  // SCAN came back to cursor 0 within the limits
  std::string error;      // why it stopped early, if it did
};

// Throws UsageError if `prefix` is not a run prefix (run_prefix.h): a guard against ever
// matching the user's keys.
CleanupResult remove_run_keys(const Endpoint& master, const ConnectOptions& connect,
                              const std::string& prefix, const CleanupLimits& limits = {});

nlohmann::json to_json(const CleanupResult& result);

}  // namespace rrt
