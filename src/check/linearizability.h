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
};

// Valid iff every key's history is linearizable. Unknown when the budget ran out before any
// key was found invalid (never a guess). Invalid results carry a counterexample in `detail`
// and `explanation`, and the ops of its window as evidence.
CheckResult check_linearizability(const History& history, const Model& model,
                                  const LinearizabilityOptions& options);

}  // namespace rrt
