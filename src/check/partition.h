// Splits a history into independent per-key search problems (P-compositionality: a history of
// independent objects is linearizable iff the history of each object is).
#pragma once

#include <string>
#include <vector>

#include "check/calls.h"
#include "check/model.h"
#include "check/wgl_search.h"

namespace rrt {

struct Partition {
  std::string key;
  ValueTable values;      // states and arguments of this key's ops
  SearchProblem problem;  // each op's `call` is an index into the calls vector it was built from
  SearchOutcome outcome;  // filled in by the checker
};

// One partition per key, sorted by key. Failed calls are left out (they never took effect), as
// are calls the model says constrain nothing; unobservable optional writes are dropped and, for
// kv, unreadable strings merged into one state (see unobservable.h). Throws UsageError for ops
// the model cannot interpret.
std::vector<Partition> partition_by_key(const History& history, const std::vector<Call>& calls,
                                        const Model& model);

}  // namespace rrt
