#include "check/partition.h"

#include <algorithm>
#include <map>

#include "check/unobservable.h"

namespace rrt {

std::vector<Partition> partition_by_key(const History& history, const std::vector<Call>& calls,
                                        const Model& model) {
  std::map<std::string, Partition> by_key;
  Value initial = model.initial();
  for (size_t i = 0; i < calls.size(); ++i) {
    const Call& call = calls[i];
    if (call.failed()) continue;
    const std::string& key = history[call.invoke].key;
    auto it = by_key.find(key);
    if (it == by_key.end()) {
      it = by_key.emplace(key, Partition{}).first;
      it->second.key = key;
      it->second.problem.initial = it->second.values.intern(initial);
    }
    Partition& part = it->second;
    SearchOp op;
    if (!model.compile(history, call, &part.values, &op.step)) continue;
    op.required = call.ok();
    op.call_pos = call.invoke;
    op.return_pos = call.ok() ? call.complete : kNever;
    op.call = i;
    part.problem.ops.push_back(op);
  }
  std::vector<Partition> parts;
  parts.reserve(by_key.size());
  for (auto& [key, part] : by_key) {
    drop_unobservable_writes(&part.problem, part.values);
    merge_unreadable_states(&part.problem, &part.values);
    parts.push_back(std::move(part));
  }
  return parts;
}

}  // namespace rrt
