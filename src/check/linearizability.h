// The linearizability checker: is there a total order of the ops, consistent with real time,
// that the model accepts? Keys are checked independently and in parallel.
#pragma once

#include <cstdint>

#include "check/check_result.h"
#include "check/model.h"

namespace rrt {

struct LinearizabilityOptions {
  double time_limit_s = 60;        // wall time for the whole check; 0 for none
  int64_t memory_limit_mb = 2048;  // memo caches of all keys together; 0 for none
  unsigned threads = 0;            // 0: one per hardware thread
  bool all_keys = false;           // search every key even after one is found invalid
};

// Valid iff every key's history is linearizable. Unknown when the budget ran out before any
// key was found invalid (never a guess). Invalid results carry a counterexample in `detail`
// and `explanation`, and the ops of its window as evidence.
//
// Unless options.all_keys, the first key found invalid stops the others (keys are searched in
// parallel, so with several threads which invalid key is found first may vary); metrics
// `unchecked_keys` and `keys_not_checked` (their names) say what was left. Metrics
// `search_seconds` (splitting into keys and searching) and `explain_seconds` (building the
// counterexample) add up to about `seconds`.
CheckResult check_linearizability(const History& history, const Model& model,
                                  const LinearizabilityOptions& options);

}  // namespace rrt
