// The linearizability search for one object (one key): Wing & Gong's algorithm with Lowe's
// just-in-time linearization and memoisation, as in Porcupine.
//
// Calls and returns form one doubly linked list in real-time order. The search walks it: at a
// call it tries to linearize that op now (the model step must be legal and the resulting
// (set, state) configuration new), removes the op from the list and starts again from the
// head; at the return of a required op that is still in the list it backtracks. An optional op
// (outcome unknown) may instead be dropped when its return is reached: it never took effect.
// The history is linearizable iff every required op gets linearized.
//
// Three reductions keep it from trying orders that cannot change the answer (each proven in
// the code): crashed ops with the same step are interchangeable, so only the earliest pending
// one of each such class is tried (op_classes.h); an optional op's effect must be seen by the
// next op, not overwritten by a write; and a read legal where it is linearized is never undone
// alone to try it later.
#pragma once

#include <atomic>
#include <string>
#include <vector>

#include "base/clock.h"
#include "check/check_result.h"
#include "check/model.h"

namespace rrt {

struct SearchOp {
  StepOp step;
  bool required = true;        // an ok call: it took effect; else it may have, or not
  size_t call_pos = 0;         // history position of the invocation
  size_t return_pos = kNever;  // position by which it took effect if it did; kNever: no bound
  size_t call = 0;             // the caller's name for this op, e.g. an index into its calls
};

struct SearchProblem {
  std::vector<SearchOp> ops;
  StateId initial = 0;
};

// When to give up with kUnknown. Zero means no limit. The memory counter may be shared by
// searches running in parallel; each adds its own cache size to it.
struct SearchBudget {
  Nanos deadline = 0;  // on the mono_ns() clock
  int64_t max_steps = 0;
  int64_t memory_limit = 0;  // bytes
  std::atomic<int64_t>* memory_used = nullptr;
  const std::atomic<bool>* cancel = nullptr;
};

struct SearchOutcome {
  Verdict verdict = Verdict::kUnknown;
  std::string why_unknown;  // "time limit", "memory limit", "step limit", "cancelled"
  // For kInvalid: the required op (index into problem.ops) with the latest return that some
  // linearization reached; no linearization gets past it. The states are the model states
  // (at most 8) the search stood in there, and linearized_tail the last ops (at most 20, in
  // order) of one linearization that got there, of `linearized` ops in all.
  int failed_op = -1;
  std::vector<StateId> states;
  std::vector<int> linearized_tail;
  size_t linearized = 0;
  int64_t steps = 0;
  size_t configurations = 0;  // memo cache entries
  size_t peak_bytes = 0;      // memo cache bytes at the end
};

SearchOutcome search_linearization(const SearchProblem& problem, ValueTable* values,
                                   const SearchBudget& budget);

}  // namespace rrt
