// Pairs a history's records into calls: one invocation with its completion.
//
// Checkers reason about calls, not records. Positions (indices into the History vector) define
// real-time order: a call A precedes call B when A's completion comes before B's invocation.
// Timestamps are only shown to people.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "history/op.h"

namespace rrt {

// Position of a completion that never happened (a crashed process): after everything else.
constexpr size_t kNever = std::numeric_limits<size_t>::max();

struct Call {
  size_t invoke = 0;         // position of the invoke record
  size_t complete = kNever;  // position of the completion, kNever if the process never answered
  OpType outcome = OpType::kInfo;  // kOk, kFail or kInfo (kInfo too when there is no completion)

  bool ok() const { return outcome == OpType::kOk; }
  bool info() const { return outcome == OpType::kInfo; }
  bool failed() const { return outcome == OpType::kFail; }
};

// The calls of `history` in invocation order; every record is paired, callers drop
// what they do not model. Throws UsageError naming the record (its index) when a completion has
// no pending invocation, when a process invokes twice without a completion, or when a
// completion's f differs from its invocation's.
std::vector<Call> pair_calls(const History& history);

// The completion's value when there is one (an ok read's result), else the invocation's.
const Value& call_result(const History& history, const Call& call);

// Timestamps for display; a missing completion has no time (returns -1).
Nanos call_end_time(const History& history, const Call& call);

}  // namespace rrt
