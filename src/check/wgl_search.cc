#include "check/wgl_search.h"

#include <algorithm>
#include <memory>
#include <numeric>

#include "check/append_prune.h"
#include "check/memo_cache.h"
#include "check/op_classes.h"

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
  bool unseen_before;  // Search::unseen_ before this decision
  bool dropped;
  bool final;
};

class Search {
 public:
  Search(const SearchProblem& problem, ValueTable* values, const SearchBudget& budget);
  SearchOutcome run();

 private:
  void link_entries();
  void link(int head, const std::vector<int>& entries);
  int first_return();  // the first return entry in the list (head_ if none)
  // The op a call entry stands for now: its own, or its class's next member if that one was
  // invoked by this point (-1 if not).
  int candidate(int entry);
  bool try_op(int id, StateId* state, int* entry);
  void take(int id);    // after mark: unlinks id, or its class's entry once the class is used up
  void untake(int id);  // before unmark
  void unlink(int e);
  void relink(int e);
  bool enter(int id, StateId state, bool unseen);  // marks id if the configuration is new
  bool backtrack(int* entry, StateId* state);
  void note_failure(int id, StateId state);
  bool over_budget();
  bool dead_end(StateId state);

  const SearchProblem& problem_;
  ValueTable* values_;
  SearchBudget budget_;
  std::vector<int> order_;  // search id -> index into problem_.ops
  std::vector<SearchOp> ops_;
  std::unique_ptr<OpClasses> classes_;
  // Calls and returns in real-time order, through head_ = 2n: entry 2*id is id's call, 2*id+1
  // its return. A class of crashed ops is there only as its first member's call.
  std::vector<int> next_, prev_;
  int head_ = 0;
  int first_return_ = -1;  // cached first_return(), -1 when not known
  size_t remaining_ = 0;   // required ops not yet linearized
  // The state was last set by an optional op whose effect no op has seen yet. Then the next op
  // may not be a write: an optional op overwritten unseen might as well never have taken
  // effect, and the search tries that too. Such configurations are explored only in part: one
  // reached from a complete one never enters the memo cache (it is cheap to reach again), a
  // deeper one does, marked as partial.
  bool unseen_ = false;
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
    : problem_(problem),
      values_(values),
      budget_(budget),
      order_(number_for_search(problem.ops)),
      set_(problem.ops.size()) {
  for (int i : order_) {
    ops_.push_back(problem.ops[i]);
    remaining_ += problem.ops[i].required;
  }
  classes_ = std::make_unique<OpClasses>(ops_);
  link_entries();
  if (std::any_of(ops_.begin(), ops_.end(),
                  [](const SearchOp& op) { return op.step.kind == StepKind::kAppend; })) {
    prune_ = std::make_unique<AppendPrune>(ops_, values_);
  }
}

void Search::link_entries() {
  int n = static_cast<int>(ops_.size());
  head_ = 2 * n;
  std::vector<int> entries;
  for (int id = 0; id < n; ++id) {
    int c = classes_->class_of(id);
    if (c < 0) entries.push_back(2 * id + 1);
    if (c < 0 || classes_->first(c) == id) entries.push_back(2 * id);
  }
  auto pos = [&](int e) { return e & 1 ? ops_[e >> 1].return_pos : ops_[e >> 1].call_pos; };
  std::stable_sort(entries.begin(), entries.end(),
                   [&](int a, int b) { return pos(a) != pos(b) ? pos(a) < pos(b) : a < b; });
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
}

int Search::first_return() {
  if (first_return_ < 0) {
    int e = next_[head_];
    while (e != head_ && !(e & 1)) e = next_[e];
    first_return_ = e;
  }
  return first_return_;
}

int Search::candidate(int entry) {
  int c = classes_->class_of(entry >> 1);
  if (c < 0) return entry >> 1;
  int id = classes_->next(c), stop = first_return();
  size_t frontier = stop == head_ ? kNever : ops_[stop >> 1].return_pos;
  return ops_[id].call_pos < frontier ? id : -1;
}

void Search::unlink(int e) {
  next_[prev_[e]] = next_[e];
  prev_[next_[e]] = prev_[e];
}

void Search::relink(int e) {
  next_[prev_[e]] = e;
  prev_[next_[e]] = e;
}

void Search::take(int id) {
  int c = classes_->class_of(id);
  if (c < 0) {
    unlink(2 * id);
    unlink(2 * id + 1);
  } else if (classes_->used_up(c)) {
    unlink(2 * classes_->first(c));
  }
  first_return_ = -1;
}

void Search::untake(int id) {
  int c = classes_->class_of(id);
  if (c < 0) {
    relink(2 * id + 1);
    relink(2 * id);
  } else if (classes_->used_up(c)) {
    relink(2 * classes_->first(c));
  }
  first_return_ = -1;
}

// True if some required get still to be linearized can never be satisfied (see
// append_prune.h). Any such get proves it; only the first entries of the list (the ops around
// the current point in time) are examined, which is what cuts the search short, and cheap.
bool Search::dead_end(StateId state) {
  constexpr int kScan = 64;
  auto pending = [this](int p) { return !classes_->linearized(p, set_); };
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

bool Search::enter(int id, StateId state, bool unseen) {
  classes_->mark(id, &set_);
  if (unseen && !unseen_) return true;
  uint64_t tag = state | uint64_t(unseen) << 32;
  set_.encode(tag, &key_);
  classes_->append_counts(&key_);
  if (cache_.insert(set_.hash() ^ classes_->hash() ^ mix64(0x5eed0000ull + tag), key_)) {
    return true;
  }
  classes_->unmark(id, &set_);
  return false;
}

bool Search::backtrack(int* entry, StateId* state) {
  while (!stack_.empty()) {
    Frame f = stack_.back();
    stack_.pop_back();
    untake(f.id);
    classes_->unmark(f.id, &set_);
    *state = f.before;
    unseen_ = f.unseen_before;
    if (ops_[f.id].required) ++remaining_;
    if (!f.dropped) --depth_;
    if (!f.dropped && !f.final) {  // go on after the entry that stood for f.id
      int c = classes_->class_of(f.id);
      *entry = next_[2 * (c < 0 ? f.id : classes_->first(c))];
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

// Linearizes op id in *state if it is legal there and leads to a configuration not seen
// before; then the walk starts again. A read legal where it is linearized is never worth undoing
// alone (moving it first keeps any linearization legal), so its frame is final.
bool Search::try_op(int id, StateId* state, int* entry) {
  const SearchOp& op = ops_[id];
  bool writes = op.step.kind != StepKind::kRead;
  bool unseen = writes && !op.required;
  StateId after;
  if ((unseen_ && op.step.kind == StepKind::kWrite) || !step(op.step, *state, values_, &after) ||
      !enter(id, after, unseen)) {
    return false;
  }
  stack_.push_back({id, *state, unseen_, false, !writes});
  ++depth_;
  *state = after;
  unseen_ = unseen;
  take(id);
  if (op.required) --remaining_;
  *entry = next_[head_];
  if (prune_ && writes && dead_end(after)) backtrack(entry, state);  // undoes just this op
  return true;
}

SearchOutcome Search::run() {
  StateId state = problem_.initial;
  int entry = next_[head_];
  while (remaining_ > 0) {
    if ((++out_.steps & 1023) == 0 && over_budget()) break;
    if (entry != head_ && !(entry & 1)) {  // a call: try to linearize its op here
      int id = candidate(entry);
      if (id < 0 || !try_op(id, &state, &entry)) entry = next_[entry];
      continue;
    }
    // A return: the op must have taken effect by now. An optional one may never have.
    int id = entry >> 1;
    if (entry != head_ && !ops_[id].required && enter(id, state, unseen_)) {
      stack_.push_back({id, state, unseen_, true, false});
      take(id);
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
