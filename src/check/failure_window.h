// The smallest window of a non-linearizable history that is itself non-linearizable from every
// state the object could have been in when the window opens (proof in counterexample.h).
#pragma once

#include <vector>

#include "check/wgl_search.h"

namespace rrt {

struct FailureWindow {
  std::vector<int> ops;        // indices into problem.ops, by invocation
  std::vector<bool> required;  // per op: must take effect inside the window (else optional)
  size_t opens = 0;            // the cut: ops invoked before it are optional in the window
  bool minimal = true;         // false if a narrower window could not be decided within the budget
};

// `failed_op` is SearchOutcome::failed_op of a kInvalid search of `problem`. Windows open at an
// invocation at or before the failing op's and close at its completion; the latest opening that
// still fails is found by galloping back from the failing op, then bisecting (failure is
// monotone in the opening: a later window is a relaxation of an earlier one).
FailureWindow smallest_failing_window(const SearchProblem& problem, ValueTable* values,
                                      int failed_op, const SearchBudget& budget);

// The window that opens at history position `cut`, for the op failing at `close` (its
// completion position): ops spanning the cut become optional, ops pending at `close` too.
// Exposed for tests.
SearchProblem window_problem(const SearchProblem& problem, size_t cut, size_t close);

// The states the object may hold when a window opens at `cut`, reduced to those the window's
// ops can tell apart (all other values behave alike). Exposed for tests.
std::vector<StateId> possible_states(const SearchProblem& problem, size_t cut, size_t close,
                                     ValueTable* values);

}  // namespace rrt
