#include "check/calls.h"

#include <fmt/format.h>

#include <unordered_map>

#include "base/errors.h"

namespace rrt {

std::vector<Call> pair_calls(const History& history) {
  std::vector<Call> calls;
  std::unordered_map<int64_t, size_t> pending;  // process -> index into calls
  for (size_t pos = 0; pos < history.size(); ++pos) {
    const Op& op = history[pos];
    auto it = pending.find(op.process);
    if (op.type == OpType::kInvoke) {
      if (it != pending.end()) {
        throw UsageError(
            fmt::format("op {}: process {} invokes {} while its op {} has not completed", op.index,
                        op.process, op.f, history[calls[it->second].invoke].index));
      }
      pending[op.process] = calls.size();
      calls.push_back(Call{pos, kNever, OpType::kInfo});
      continue;
    }
    if (it == pending.end()) {
      throw UsageError(fmt::format("op {}: {} {} by process {} has no pending invocation", op.index,
                                   op_type_name(op.type), op.f, op.process));
    }
    Call& call = calls[it->second];
    if (history[call.invoke].f != op.f) {
      throw UsageError(fmt::format("op {}: completion f {} differs from its invocation's f {}",
                                   op.index, op.f, history[call.invoke].f));
    }
    call.complete = pos;
    call.outcome = op.type;
    pending.erase(it);
  }
  return calls;
}

const Value& call_result(const History& history, const Call& call) {
  if (call.complete != kNever) return history[call.complete].value;
  return history[call.invoke].value;
}

Nanos call_end_time(const History& history, const Call& call) {
  return call.complete == kNever ? -1 : history[call.complete].time;
}

}  // namespace rrt
