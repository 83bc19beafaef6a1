#include "check/failure_window.h"

#include <algorithm>
#include <set>

namespace rrt {

SearchProblem window_problem(const SearchProblem& problem, size_t cut, size_t close) {
  SearchProblem window;
  window.initial = problem.initial;
  for (size_t i = 0; i < problem.ops.size(); ++i) {
    const SearchOp& op = problem.ops[i];
    if (op.call_pos > close) continue;                             // after the window
    if (op.return_pos != kNever && op.return_pos < cut) continue;  // done before it opens
    SearchOp w = op;
    bool returns_inside = op.return_pos != kNever && op.return_pos <= close;
    w.required = op.required && op.call_pos >= cut && returns_inside;
    w.return_pos = returns_inside ? op.return_pos : kNever;
    w.call = i;
    window.ops.push_back(w);
  }
  return window;
}

static bool completes_before(const SearchProblem& problem, size_t cut) {
  for (const SearchOp& op : problem.ops) {
    if (op.return_pos != kNever && op.return_pos < cut) return true;
  }
  return false;
}

// Prefixes of `read` the object could hold: a base (a put's text, or the initial text) followed
// by appended texts (reuse allowed: a superset of what is reachable, which keeps it sound).
static void reachable_prefixes(const std::string& read, const std::vector<std::string>& bases,
                               const std::vector<std::string>& appended,
                               std::set<std::string>* out) {
  for (const std::string& base : bases) {
    if (read.compare(0, base.size(), base) != 0) continue;
    std::vector<bool> reach(read.size() + 1, false);
    reach[base.size()] = true;
    for (size_t i = base.size(); i <= read.size(); ++i) {
      if (!reach[i]) continue;
      out->insert(read.substr(0, i));
      for (const std::string& a : appended) {
        if (!a.empty() && read.compare(i, a.size(), a) == 0) reach[i + a.size()] = true;
      }
    }
  }
}

// Strings a kv object could hold at `cut` that the window's reads can tell apart: the initial
// value, nil, reachable prefixes of values read in the window, and one string no read matches.
static std::vector<StateId> append_states(const SearchProblem& problem, const SearchProblem& window,
                                          size_t cut, ValueTable* values) {
  std::vector<std::string> bases, appended;
  auto add_base = [&](StateId s) {  // an unreadable state is among the states anyway
    if (s != values->unreadable()) bases.push_back(value_text(values->value(s)));
  };
  add_base(problem.initial);
  for (const SearchOp& op : problem.ops) {
    if (op.call_pos >= cut) continue;
    if (op.step.kind == StepKind::kWrite) add_base(op.step.a);
    if (op.step.kind == StepKind::kAppend) appended.push_back(value_text(values->value(op.step.a)));
  }
  std::set<std::string> texts;
  size_t longest = 0;
  for (const SearchOp& op : window.ops) {
    if (op.step.kind != StepKind::kRead || values->value(op.step.a).is_nil()) continue;
    std::string read = value_text(values->value(op.step.a));
    longest = std::max(longest, read.size());
    reachable_prefixes(read, bases, appended, &texts);
  }
  std::set<StateId> states = {problem.initial, values->intern(Value::nil())};
  for (const std::string& t : texts) states.insert(values->intern(Value::of(t)));
  if (values->unreadable() != kNoState) {
    states.insert(values->unreadable());
  } else {
    states.insert(values->intern(Value::of(std::string(longest + 1, '\x01'))));
  }
  return {states.begin(), states.end()};
}

std::vector<StateId> possible_states(const SearchProblem& problem, size_t cut, size_t close,
                                     ValueTable* values) {
  if (!completes_before(problem, cut)) return {problem.initial};
  SearchProblem window = window_problem(problem, cut, close);
  bool appends = std::any_of(problem.ops.begin(), problem.ops.end(),
                             [](const SearchOp& op) { return op.step.kind == StepKind::kAppend; });
  if (appends) return append_states(problem, window, cut, values);
  // The state at the cut is the initial value or one written by an op invoked before it.
  std::set<StateId> written = {problem.initial};
  for (const SearchOp& op : problem.ops) {
    if (op.call_pos >= cut) continue;
    if (op.step.kind == StepKind::kWrite) written.insert(op.step.a);
    if (op.step.kind == StepKind::kCas) written.insert(op.step.b);
  }
  std::set<StateId> mentioned;
  for (const SearchOp& op : window.ops) {
    mentioned.insert(op.step.a);
    if (op.step.kind == StepKind::kCas) mentioned.insert(op.step.b);
  }
  std::vector<StateId> states;
  bool unmentioned = false;
  for (StateId s : written) {
    if (mentioned.count(s)) {
      states.push_back(s);
    } else if (!unmentioned) {
      states.push_back(s);  // stands for every value the window never names
      unmentioned = true;
    }
  }
  return states;
}

// kInvalid iff the window opening at `cut` fails from every possible state; kValid if some
// state linearizes it; kUnknown if the budget ran out first.
static Verdict check_window(const SearchProblem& problem, size_t cut, size_t close,
                            ValueTable* values, const SearchBudget& budget) {
  SearchProblem window = window_problem(problem, cut, close);
  for (StateId state : possible_states(problem, cut, close, values)) {
    window.initial = state;
    Verdict v = search_linearization(window, values, budget).verdict;
    if (v != Verdict::kInvalid) return v;
  }
  return Verdict::kInvalid;
}

FailureWindow smallest_failing_window(const SearchProblem& problem, ValueTable* values,
                                      int failed_op, const SearchBudget& budget) {
  const SearchOp& failed = problem.ops[failed_op];
  size_t close = failed.return_pos;
  std::vector<size_t> cuts;
  for (const SearchOp& op : problem.ops) {
    if (op.call_pos <= failed.call_pos) cuts.push_back(op.call_pos);
  }
  std::sort(cuts.begin(), cuts.end());
  // cuts[0] opens the window on the whole prefix, which the main search proved non-linearizable.
  // Invariant: the window opening at cuts[lo] fails; those at cuts[hi..] were not proven to.
  // Small windows are cheap and usually enough, so probe from the failing op backwards at
  // doubling distances, then bisect the last gap.
  size_t lo = 0, hi = cuts.size();
  FailureWindow result;
  auto probe = [&](size_t j) {
    Verdict v = check_window(problem, cuts[j], close, values, budget);
    if (v == Verdict::kInvalid) return true;
    if (v == Verdict::kUnknown) result.minimal = false;
    return false;
  };
  for (size_t step = 1; step < cuts.size(); step *= 2) {
    size_t j = cuts.size() - step;
    if (j <= lo) break;
    if (probe(j)) {
      lo = j;
      break;
    }
    hi = j;
  }
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    (probe(mid) ? lo : hi) = mid;
  }
  result.opens = cuts[lo];
  SearchProblem window = window_problem(problem, cuts[lo], close);
  for (const SearchOp& op : window.ops) {
    result.ops.push_back(static_cast<int>(op.call));
    result.required.push_back(op.required);
  }
  return result;
}

}  // namespace rrt
