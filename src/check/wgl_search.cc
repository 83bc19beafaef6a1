#include "check/wgl_search.h"

#include <algorithm>
#include <memory>
#include <numeric>

#include "check/append_prune.h"
#include "check/memo_cache.h"

namespace rrt {

namespace {

constexpr size_t kMaxStates = 8;
constexpr size_t kMaxTail = 20;

// One decision on the undo stack: op `id` was linearized (or dropped) in state `before`.
// `final` marks a decision with no alternative worth trying (see Search::run), so
// backtracking passes over it as over a dropped op.
struct Frame {
  int id;
  StateId before;
  bool dropped;
  bool final;
};

class Search {
 public:
  Search(const SearchProblem& problem, ValueTable* values, const SearchBudget& budget);
  SearchOutcome run();

 private:
  int call_entry(int id) const { return 2 * id; }
  void lift(int id);
  void unlift(int id);
  bool enter(int id, StateId state);  // adds id to the set if (set+id, state) is new
  bool backtrack(int* entry, StateId* state);
  void note_failure(int id, StateId state);
  bool over_budget();
  bool dead_end(StateId state);

  const SearchProblem& problem_;
  ValueTable* values_;
  SearchBudget budget_;
  std::vector<int> order_;  // search id -> index into problem_.ops
  std::vector<SearchOp> ops_;
  std::vector<int> next_, prev_;  // entry 2*id is id's call, 2*id+1 its return; head_ = 2n
  int head_ = 0;
  size_t remaining_ = 0;  // required ops not yet linearized
  std::vector<Frame> stack_;
  size_t depth_ = 0;  // frames that linearized (not dropped) an op
  OpSet set_;
  MemoCache cache_;
  std::vector<uint64_t> key_;
  int64_t reported_bytes_ = 0;
  size_t best_pos_ = 0;
  SearchOutcome out_;
  std::unique_ptr<AppendPrune> prune_;  // for kv objects only
};

Search::Search(const SearchProblem& problem, ValueTable* values, const SearchBudget& budget)
    : problem_(problem), values_(values), budget_(budget), set_(problem.ops.size()) {
  size_t n = problem.ops.size();
  // Required ops first, each group in invocation order: the memo encoding stays short.
  order_.resize(n);
  std::iota(order_.begin(), order_.end(), 0);
  std::stable_sort(order_.begin(), order_.end(), [&](int a, int b) {
    const SearchOp &x = problem.ops[a], &y = problem.ops[b];
    if (x.required != y.required) return x.required;
    return x.call_pos < y.call_pos;
  });
  for (int i : order_) {
    ops_.push_back(problem.ops[i]);
    remaining_ += problem.ops[i].required;
  }
  std::vector<int> entries(2 * n);
  std::iota(entries.begin(), entries.end(), 0);
  auto pos = [&](int e) { return e & 1 ? ops_[e >> 1].return_pos : ops_[e >> 1].call_pos; };
  std::stable_sort(entries.begin(), entries.end(),
                   [&](int a, int b) { return pos(a) != pos(b) ? pos(a) < pos(b) : a < b; });
  head_ = static_cast<int>(2 * n);
  next_.assign(2 * n + 1, head_);
  prev_.assign(2 * n + 1, head_);
  int last = head_;
  for (int e : entries) {
    next_[last] = e;
    prev_[e] = last;
    last = e;
  }
  next_[last] = head_;
  prev_[head_] = last;
  if (std::any_of(ops_.begin(), ops_.end(),
                  [](const SearchOp& op) { return op.step.kind == StepKind::kAppend; })) {
    prune_ = std::make_unique<AppendPrune>(ops_, values_);
  }
}

// True if some required get still to be linearized can never be satisfied (see
// append_prune.h). Any such get proves it; only the first entries of the list (the ops around
// the current point in time) are examined, which is what cuts the search short, and cheap.
bool Search::dead_end(StateId state) {
  constexpr int kScan = 64;
  auto pending = [this](int p) { return !set_.contains(p); };
  int scanned = 0;
  for (int e = next_[head_]; e != head_ && scanned < kScan; e = next_[e], ++scanned) {
    int id = e >> 1;
    if (!(e & 1) && ops_[id].step.kind == StepKind::kRead && ops_[id].required &&
        !prune_->satisfiable(id, state, pending)) {
      return true;
    }
  }
  return false;
}

void Search::lift(int id) {
  for (int e : {2 * id, 2 * id + 1}) {
    next_[prev_[e]] = next_[e];
    prev_[next_[e]] = prev_[e];
  }
}

void Search::unlift(int id) {
  for (int e : {2 * id + 1, 2 * id}) {
    next_[prev_[e]] = e;
    prev_[next_[e]] = e;
  }
}

bool Search::enter(int id, StateId state) {
  set_.add(id);
  set_.encode(state, &key_);
  if (cache_.insert(set_.hash() ^ mix64(0x5eed0000ull + state), key_)) return true;
  set_.remove(id);
  return false;
}

bool Search::backtrack(int* entry, StateId* state) {
  while (!stack_.empty()) {
    Frame f = stack_.back();
    stack_.pop_back();
    unlift(f.id);
    set_.remove(f.id);
    *state = f.before;
    if (ops_[f.id].required) ++remaining_;
    if (!f.dropped) --depth_;
    if (!f.dropped && !f.final) {
      *entry = next_[call_entry(f.id)];
      return true;
    }
  }
  return false;
}

void Search::note_failure(int id, StateId state) {
  size_t pos = ops_[id].return_pos;
  if (out_.failed_op < 0 || pos > best_pos_) {
    best_pos_ = pos;
    out_.failed_op = id;
    out_.states = {state};
    out_.linearized = depth_;
    out_.linearized_tail.clear();
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
      if (it->dropped) continue;
      out_.linearized_tail.push_back(it->id);
      if (out_.linearized_tail.size() == kMaxTail) break;
    }
    std::reverse(out_.linearized_tail.begin(), out_.linearized_tail.end());
  } else if (pos == best_pos_ && out_.states.size() < kMaxStates &&
             std::find(out_.states.begin(), out_.states.end(), state) == out_.states.end()) {
    out_.states.push_back(state);
  }
}

bool Search::over_budget() {
  int64_t bytes = static_cast<int64_t>(cache_.bytes());
  if (budget_.memory_used) {
    int64_t total =
        budget_.memory_used->fetch_add(bytes - reported_bytes_) + bytes - reported_bytes_;
    reported_bytes_ = bytes;
    if (budget_.memory_limit && total > budget_.memory_limit) out_.why_unknown = "memory limit";
  } else if (budget_.memory_limit && bytes > budget_.memory_limit) {
    out_.why_unknown = "memory limit";
  }
  if (budget_.max_steps && out_.steps > budget_.max_steps) out_.why_unknown = "step limit";
  if (budget_.deadline && mono_ns() > budget_.deadline) out_.why_unknown = "time limit";
  if (budget_.cancel && budget_.cancel->load(std::memory_order_relaxed)) {
    out_.why_unknown = "cancelled";
  }
  return !out_.why_unknown.empty();
}

SearchOutcome Search::run() {
  StateId state = problem_.initial;
  int entry = next_[head_];
  while (remaining_ > 0) {
    if ((++out_.steps & 1023) == 0 && over_budget()) break;
    int id = entry >> 1;
    StateId after;
    if (entry != head_ && !(entry & 1)) {  // a call: try to linearize the op here
      if (step(ops_[id].step, state, values_, &after) && enter(id, after)) {
        stack_.push_back({id, state, false, ops_[id].step.kind == StepKind::kRead});
        ++depth_;
        state = after;
        lift(id);
        if (ops_[id].required) --remaining_;
        entry = next_[head_];
        if (prune_ && ops_[id].step.kind != StepKind::kRead && dead_end(state)) {
          backtrack(&entry, &state);  // undoes just this op: its frame is a linearization
        }
      } else {
        entry = next_[entry];
      }
      continue;
    }
    // A return: the op must have taken effect by now. An optional one may never have.
    if (entry != head_ && !ops_[id].required && enter(id, state)) {
      stack_.push_back({id, state, true, false});
      lift(id);
      entry = next_[head_];
      continue;
    }
    if (entry != head_ && ops_[id].required) note_failure(id, state);
    if (!backtrack(&entry, &state)) {
      out_.verdict = Verdict::kInvalid;
      break;
    }
  }
  if (remaining_ == 0) out_.verdict = Verdict::kValid;
  if (out_.verdict != Verdict::kUnknown) out_.why_unknown.clear();
  if (out_.verdict != Verdict::kInvalid) {
    out_.failed_op = -1;
    out_.states.clear();
    out_.linearized_tail.clear();
  } else {
    out_.failed_op = order_[out_.failed_op];
    for (int& id : out_.linearized_tail) id = order_[id];
  }
  if (budget_.memory_used) budget_.memory_used->fetch_sub(reported_bytes_);
  out_.configurations = cache_.size();
  out_.peak_bytes = cache_.bytes();
  return out_;
}

}  // namespace

SearchOutcome search_linearization(const SearchProblem& problem, ValueTable* values,
                                   const SearchBudget& budget) {
  return Search(problem, values, budget).run();
}

}  // namespace rrt
