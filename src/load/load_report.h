// What a load run measured: outcome counts, errors by kind, latency, elapsed time.
//
// Every operation a client started ends in exactly one of ok / fail / info, so
// ok + fail + info is the number of operations, including those that failed for want of a
// connection. Latency is recorded for `ok` operations only: timeouts and refused connects would
// otherwise stand in for the server's speed.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "load/histogram.h"
#include "resp/outcome.h"

namespace rrt {

struct LoadReport {
  uint64_t ok = 0;
  uint64_t fail = 0;
  uint64_t info = 0;
  uint64_t connects = 0;  // connections established (the first ones and reconnects)
  std::map<std::string, uint64_t>
      errors;  // error kind ("READONLY", "connect-refused", ...) -> count
  LatencyHistogram latency;
  Nanos elapsed = 0;  // from the start of the run until the last client stopped

  uint64_t operations() const { return ok + fail + info; }
  double ops_per_sec() const;  // all operations per second of elapsed time

  // Counts one completed operation; `latency` is used for ok results.
  void count(const CallResult& result, Nanos latency);
  void merge(const LoadReport& other);
};

// {"operations","ok","fail","info","ops_per_sec","elapsed_s","connects","errors":{kind:n},
//  "latency_ms":{"p50","p90","p99","p99_9","max","mean"}}
nlohmann::json to_json(const LoadReport& report);

// A few lines for people: ops/s, outcomes, errors by kind, percentiles.
std::string to_text(const LoadReport& report);
// One line: "1234 ok, 12 fail, 3 info (connect-refused 10, READONLY 2), 410 ops/s".
std::string to_line(const LoadReport& report);

}  // namespace rrt
