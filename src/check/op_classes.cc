#include "check/op_classes.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <tuple>

namespace rrt {

namespace {

// 0: required, 1: optional with a deadline, 2: optional without one (a class member).
int rank(const SearchOp& op) {
  return op.required ? 0 : op.return_pos != kNever ? 1 : 2;
}

std::tuple<StepKind, StateId, StateId> step_key(const SearchOp& op) {
  return {op.step.kind, op.step.a, op.step.b};
}

}  // namespace

std::vector<int> number_for_search(const std::vector<SearchOp>& ops) {
  std::vector<int> by_call(ops.size());
  std::iota(by_call.begin(), by_call.end(), 0);
  std::stable_sort(by_call.begin(), by_call.end(), [&](int a, int b) {
    int x = rank(ops[a]), y = rank(ops[b]);
    return x != y ? x < y : ops[a].call_pos < ops[b].call_pos;
  });
  std::vector<int> order;
  std::map<std::tuple<StepKind, StateId, StateId>, size_t> class_by_step;
  std::vector<std::vector<int>> members;
  for (int i : by_call) {
    if (rank(ops[i]) < 2) {
      order.push_back(i);
      continue;
    }
    auto [it, added] = class_by_step.try_emplace(step_key(ops[i]), members.size());
    if (added) members.emplace_back();
    members[it->second].push_back(i);
  }
  for (const std::vector<int>& group : members)
    order.insert(order.end(), group.begin(), group.end());
  return order;
}

OpClasses::OpClasses(const std::vector<SearchOp>& ops) : class_of_(ops.size(), -1) {
  for (int id = 0; id < static_cast<int>(ops.size()); ++id) {
    if (rank(ops[id]) < 2) continue;
    if (classes_.empty() || step_key(ops[classes_.back().first]) != step_key(ops[id])) {
      classes_.push_back({id, 0, 0});
    }
    ++classes_.back().size;
    class_of_[id] = static_cast<int>(classes_.size() - 1);
  }
}

void OpClasses::toggle_count(int c) {
  if (classes_[c].used > 0) hash_ ^= mix64(uint64_t(c) << 32 | uint64_t(classes_[c].used));
}

void OpClasses::mark(int id, OpSet* set) {
  int c = class_of_[id];
  if (c < 0 || !counted(c)) set->add(id);
  if (c < 0) return;
  if (counted(c)) {
    toggle_count(c);
    if (classes_[c].used == 0)
      counted_.insert(std::upper_bound(counted_.begin(), counted_.end(), c), c);
  }
  ++classes_[c].used;
  if (counted(c)) toggle_count(c);
}

void OpClasses::unmark(int id, OpSet* set) {
  int c = class_of_[id];
  if (c < 0 || !counted(c)) set->remove(id);
  if (c < 0) return;
  if (counted(c)) toggle_count(c);
  --classes_[c].used;
  if (!counted(c)) return;
  toggle_count(c);
  if (classes_[c].used == 0) counted_.erase(std::lower_bound(counted_.begin(), counted_.end(), c));
}

bool OpClasses::linearized(int id, const OpSet& set) const {
  int c = class_of_[id];
  if (c < 0 || !counted(c)) return set.contains(id);
  return id - classes_[c].first < classes_[c].used;
}

void OpClasses::append_counts(std::vector<uint64_t>* key) const {
  if (counted_.empty()) return;
  key->push_back(~0ull);  // where the set encoding would hold an index, never ~0
  for (int c : counted_) key->push_back(uint64_t(c) << 32 | uint64_t(classes_[c].used));
}

}  // namespace rrt
