// Keys a run writes to an external target must not outlive a killed run: while the run goes, a
// background thread gives every key under the run prefix a TTL (SCAN MATCH <prefix>* + PEXPIRE),
// again every `period`, on the master of the moment. A normal end removes the keys anyway
// (key_cleanup.h); after kill -9 they expire at most `ttl` after the last sweep.
//
// EXPIRE changes no value, and INCR, SADD, APPEND keep a key's TTL, so the checked semantics are
// unchanged. SET clears it: the next sweep sets it again. A key first written less than one
// period before the run died keeps no TTL (the limit of sweeping instead of writing with PX).
// The TTL (at least the run's duration plus a margin) is far longer than the period, so a key
// cannot expire while the run still goes, even if sweeps fail for a while (a fault, a failover).
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "resp/connection.h"

namespace rrt {

struct KeyExpiryOptions {
  Nanos ttl = 10 * 60 * kSeconds;
  Nanos period = kSeconds;
  int max_scans = 100;  // SCAN calls per sweep
};

// The TTL for a run of `duration`: the duration plus 5 minutes, at least 10 minutes.
Nanos run_key_ttl(Nanos duration);

// One sweep: every key under `prefix` on `master` gets PEXPIRE ttl. Returns how many keys got it;
// throws EnvironmentError naming the node if a call fails, UsageError if `prefix` is not a run
// prefix (run_prefix.h).
long long expire_run_keys(const Endpoint& master, const ConnectOptions& connect,
                          const std::string& prefix, const KeyExpiryOptions& options);

class KeyExpirySweeper {
 public:
  // Starts sweeping at once. `master` names the current master and is asked before each sweep
  // (a failover moves it); an exception from it or from a sweep counts as a failed sweep.
  KeyExpirySweeper(std::function<Endpoint()> master, ConnectOptions connect, std::string prefix,
                   KeyExpiryOptions options = {});
  ~KeyExpirySweeper();  // stop()
  KeyExpirySweeper(const KeyExpirySweeper&) = delete;
  KeyExpirySweeper& operator=(const KeyExpirySweeper&) = delete;

  // Ends the thread within one call's deadline. Idempotent.
  void stop();
  // {"ttl_s", "sweeps", "failed", "keys_expiring", "last_error"} for results.json.
  nlohmann::json summary() const;

 private:
  void loop();

  std::function<Endpoint()> master_;
  ConnectOptions connect_;
  std::string prefix_;
  KeyExpiryOptions options_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  long long sweeps_ = 0, failed_ = 0, keys_ = 0;
  std::string last_error_;
  std::thread thread_;
};

}  // namespace rrt
