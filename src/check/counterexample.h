// Why a history is not linearizable, in terms a person can follow: the op that could not be
// linearized, the longest linearizable prefix before it and the model state(s) there, and the
// smallest window of ops that cannot be linearized from any state the object could have been in.
//
// The window is a proof on its own. Cutting the history at an invocation c splits the ops into
// A (completed before c), B (spanning c) and C (invoked after c). In any linearization, every C
// op follows every A op; so the ops after the last A op form a legal sequence of B and C ops
// starting from some state the object could hold at c. The window therefore checks B and C
// (up to the failing op's completion) with B ops optional, from every possible state at c
// (the initial value and whatever was written before c). If that fails, the whole history does.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "check/partition.h"

namespace rrt {

struct Counterexample {
  std::string key;
  size_t failed_call = 0;               // index into calls: the op no linearization gets past
  size_t prefix_ops = 0;                // this key's ops completed before the failing op completed
  std::vector<Value> states;            // model states after the longest linearizable prefix
  bool unreadable_state = false;        // kv: also a string no read starts with (merged, unshown)
  size_t linearized = 0;                // ops in the linearization that reached the failing op
  std::vector<size_t> linearized_tail;  // its last ops (calls), in linearization order
  std::vector<size_t> window;  // calls of the smallest non-linearizable window, by invocation
  // Per window call: it must take effect inside the window. Others (spanning its opening,
  // pending at its end, or of unknown outcome) may take effect there or not.
  std::vector<bool> window_required;
  size_t window_opens = 0;     // history position where the window opens (an invocation)
  bool window_minimal = true;  // false if the budget ran out while narrowing the window
};

// Builds the counterexample for an invalid partition. Narrowing the window runs further small
// searches, bounded by `budget` (on budget exhaustion the window is still a proven one, just
// possibly not the smallest).
Counterexample explain_failure(Partition* part, const std::vector<Call>& calls,
                               const SearchBudget& budget);

nlohmann::json counterexample_to_json(const History& history, const std::vector<Call>& calls,
                                      const Counterexample& cx);

// Several lines for a terminal, with the window drawn as a timeline.
std::string counterexample_text(const History& history, const std::vector<Call>& calls,
                                const Counterexample& cx);

// "write 3", "read -> 4", "cas [1 2]", "append \"x\"" (with " (info)" for unknown outcomes).
std::string describe_call(const History& history, const Call& call);

}  // namespace rrt
