#include "check/counterexample.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "base/duration.h"
#include "check/check_result.h"
#include "check/failure_window.h"

namespace rrt {

namespace {

bool has_appends(const SearchProblem& problem) {
  return std::any_of(problem.ops.begin(), problem.ops.end(),
                     [](const SearchOp& op) { return op.step.kind == StepKind::kAppend; });
}

// With appends the search refutes configurations early (append_prune.h), so the op where it
// stopped may precede the true failure point. The first required op whose completion makes the
// prefix fail is then found by bisection (failure is monotone in the prefix); the whole
// history is known to fail. Returns the outcome of the search of that prefix.
SearchOutcome first_failure(const SearchProblem& problem, ValueTable* values,
                            const SearchBudget& budget) {
  std::vector<int> required;
  for (size_t i = 0; i < problem.ops.size(); ++i) {
    if (problem.ops[i].required) required.push_back(static_cast<int>(i));
  }
  std::sort(required.begin(), required.end(),
            [&](int a, int b) { return problem.ops[a].return_pos < problem.ops[b].return_pos; });
  auto prefix = [&](size_t k) {
    return window_problem(problem, 0, problem.ops[required[k]].return_pos);
  };
  size_t lo = 0, hi = required.size() - 1;  // prefix(hi) fails
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (search_linearization(prefix(mid), values, budget).verdict == Verdict::kInvalid) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  SearchOutcome out = search_linearization(prefix(hi), values, budget);
  SearchProblem p = prefix(hi);
  bool consistent = out.failed_op >= 0 && p.ops[out.failed_op].call == size_t(required[hi]);
  out.failed_op = required[hi];
  for (int& i : out.linearized_tail) i = static_cast<int>(p.ops[i].call);
  if (!consistent) {
    out.states.clear();
    out.linearized_tail.clear();
    out.linearized = 0;
  }
  return out;
}

}  // namespace

Counterexample explain_failure(Partition* part, const std::vector<Call>& calls,
                               const SearchBudget& budget) {
  const SearchProblem& problem = part->problem;
  if (has_appends(problem)) part->outcome = first_failure(problem, &part->values, budget);
  const SearchOutcome& outcome = part->outcome;
  Counterexample cx;
  cx.key = part->key;
  const SearchOp& failed = problem.ops[outcome.failed_op];
  cx.failed_call = failed.call;
  for (const SearchOp& op : problem.ops) {
    if (op.required && op.return_pos < failed.return_pos) ++cx.prefix_ops;
  }
  for (StateId s : outcome.states) {
    if (s == part->values.unreadable()) {
      cx.unreadable_state = true;
    } else {
      cx.states.push_back(part->values.value(s));
    }
  }
  cx.linearized = outcome.linearized;
  for (int i : outcome.linearized_tail) cx.linearized_tail.push_back(problem.ops[i].call);
  FailureWindow window = smallest_failing_window(problem, &part->values, outcome.failed_op, budget);
  std::vector<std::pair<size_t, bool>> calls_in_window;
  for (size_t i = 0; i < window.ops.size(); ++i) {
    calls_in_window.push_back({problem.ops[window.ops[i]].call, window.required[i]});
  }
  std::sort(calls_in_window.begin(), calls_in_window.end());
  for (auto [call, required] : calls_in_window) {
    cx.window.push_back(call);
    cx.window_required.push_back(required);
  }
  cx.window_minimal = window.minimal;
  cx.window_opens = window.opens;
  return cx;
}

std::string describe_call(const History& history, const Call& call) {
  const Op& invoke = history[call.invoke];
  std::string text = invoke.f;
  bool reads = invoke.f == "read" || invoke.f == "get";
  if (!reads || !invoke.value.is_nil()) text += " " + to_string(invoke.value);
  if (reads && call.ok()) text += " -> " + to_string(call_result(history, call));
  if (call.info()) text += " (info)";
  if (call.failed()) text += " (fail)";
  return text;
}

static nlohmann::json call_to_json(const History& history, const Call& call) {
  const Op& invoke = history[call.invoke];
  nlohmann::json j = {{"process", invoke.process},
                      {"f", invoke.f},
                      {"value", value_to_json(invoke.value)},
                      {"type", op_type_name(call.outcome)},
                      {"invoke_index", invoke.index},
                      {"invoke_time", invoke.time},
                      {"text", describe_call(history, call)}};
  if (!invoke.key.empty()) j["key"] = invoke.key;
  if (call.complete != kNever) {
    const Op& done = history[call.complete];
    j["result"] = value_to_json(done.value);
    j["complete_index"] = done.index;
    j["complete_time"] = done.time;
  }
  return j;
}

nlohmann::json counterexample_to_json(const History& history, const std::vector<Call>& calls,
                                      const Counterexample& cx) {
  auto list = [&](const std::vector<size_t>& ids) {
    nlohmann::json out = nlohmann::json::array();
    for (size_t id : ids) out.push_back(call_to_json(history, calls[id]));
    return out;
  };
  nlohmann::json window = list(cx.window);
  for (size_t i = 0; i < window.size(); ++i) window[i]["required"] = bool(cx.window_required[i]);
  nlohmann::json states = nlohmann::json::array();
  for (const Value& s : cx.states) states.push_back(value_to_json(s));
  return {{"key", cx.key},
          {"failed_op", call_to_json(history, calls[cx.failed_call])},
          {"prefix_ops", cx.prefix_ops},
          {"states", states},
          {"unreadable_state", cx.unreadable_state},
          {"linearized", cx.linearized},
          {"last_linearized", list(cx.linearized_tail)},
          {"window", window},
          {"window_opens_at", history[cx.window_opens].index},
          {"window_minimal", cx.window_minimal}};
}

static std::string ms(Nanos t) {
  return t < 0 ? "never" : format_duration(t, DurationStyle::kMillisColumn);
}

// One row of the window: who, what, when, and a bar over history positions.
static std::string window_row(const History& history, const Call& call, size_t first, size_t last,
                              char mark) {
  constexpr size_t kWidth = 32;
  auto column = [&](size_t pos) {
    return last == first ? 0 : (std::min(pos, last) - first) * (kWidth - 1) / (last - first);
  };
  size_t from = column(call.invoke), to = column(call.complete);
  std::string bar(kWidth, ' ');
  for (size_t c = from; c <= to; ++c) bar[c] = '-';
  bar[from] = '[';
  bar[to] = call.complete > last ? '>' : ']';
  const Op& invoke = history[call.invoke];
  return fmt::format("  {} {:>7} {:>6}  {:<28} {:>11} {:>11}  |{}|\n", mark, invoke.index,
                     invoke.process, describe_call(history, call), ms(invoke.time),
                     ms(call_end_time(history, call)), bar);
}

std::string counterexample_text(const History& history, const std::vector<Call>& calls,
                                const Counterexample& cx) {
  const Call& failed = calls[cx.failed_call];
  std::string key = cx.key.empty() ? "" : fmt::format("key {}: ", cx.key);
  std::string out = fmt::format("{}op {} by process {}, {}, cannot be linearized\n", key,
                                history[failed.invoke].index, history[failed.invoke].process,
                                describe_call(history, failed));
  std::vector<std::string> states;
  for (const Value& s : cx.states) states.push_back(to_string(s));
  if (cx.unreadable_state) states.push_back("a string no read starts with");
  if (states.empty()) states.push_back("(not recorded)");
  out +=
      fmt::format("  longest linearizable prefix: {} ops completed before it; model state {}{}\n",
                  cx.prefix_ops, states.size() > 1 ? "one of " : "", fmt::join(states, ", "));
  if (!cx.linearized_tail.empty()) {
    std::vector<std::string> tail;
    for (size_t id : cx.linearized_tail) tail.push_back(describe_call(history, calls[id]));
    out += fmt::format("  linearized so far ({} ops), ending: {}\n", cx.linearized,
                       fmt::join(tail, "; "));
  }
  size_t first = calls[cx.window.front()].invoke, last = failed.complete;
  out += fmt::format("  smallest window that cannot be linearized{}: {} ops\n",
                     cx.window_minimal ? "" : " (budget ran out narrowing it)", cx.window.size());
  out += fmt::format("  {} {:>7} {:>6}  {:<28} {:>11} {:>11}  {}\n", " ", "index", "proc",
                     "operation", "invoked ms", "done ms", "timeline");
  for (size_t i = 0; i < cx.window.size(); ++i) {
    size_t id = cx.window[i];
    char mark = id == cx.failed_call ? '>' : cx.window_required[i] ? ' ' : '?';
    out += window_row(history, calls[id], first, last, mark);
  }
  out +=
      "  (> the op that cannot be linearized; ? may or may not have taken effect in the window)\n";
  return out;
}

}  // namespace rrt
