// What a report is made of, read back from a run directory (docs/reports.md): results.json,
// scenario.json, events.jsonl, and history.jsonl reduced to one compact sample per operation.
//
// The history is streamed, never held as Op records: a 1,000,000-op run is 2,000,000 lines, and
// a report needs only when each operation started and ended, how, and what it was.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/clock.h"
#include "history/event.h"
#include "history/op.h"

namespace rrt {

// One completed operation (an invoke and its completion).
struct OpSample {
  Nanos start = 0;  // invocation, ns since the run's start
  Nanos end = 0;    // completion
  int64_t process = 0;
  OpType outcome = OpType::kOk;  // kOk, kFail or kInfo
  uint16_t f = 0;                // index into RunData::fs
};

struct RunData {
  std::string dir;
  nlohmann::json results;   // results.json
  nlohmann::json scenario;  // scenario.json; null for a run directory without one
  std::string history_file = "history.jsonl";  // or "history.rrth": the form the run wrote
  std::vector<std::string> fs;                 // operation names ("write", "read", ...)
  std::vector<OpSample> ops;                   // by start time
  int64_t never_completed = 0;                 // invocations without a completion
  Events events;
  Nanos end = 0;  // the last time any record mentions

  int64_t count(OpType outcome) const;
};

// Reads the run directory. results.json, history.jsonl (or history.rrth) and events.jsonl must be
// there; scenario.json may be missing. Throws UsageError naming the file (and line) that is missing
// or malformed.
RunData load_run_data(const std::string& dir);

// Streams a history file into samples (exposed for tests). Throws UsageError with file:line.
void read_op_samples(const std::string& path, RunData* data);

}  // namespace rrt
