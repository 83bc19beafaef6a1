#include "check/unobservable.h"

#include <algorithm>
#include <string>
#include <unordered_set>
#include <vector>

namespace rrt {

namespace {

// Registers: the values some op can tell apart from the others.
std::unordered_set<StateId> observed_values(const SearchProblem& problem) {
  std::unordered_set<StateId> observed;
  for (const SearchOp& op : problem.ops) {
    if (op.step.kind == StepKind::kCas || (op.step.kind == StepKind::kRead && op.required)) {
      observed.insert(op.step.a);
    }
  }
  return observed;
}

// kv: whether any required read's text starts with (or contains) `text`.
bool read_text_has(const std::vector<std::string>& reads, const std::string& text, bool prefix) {
  for (const std::string& r : reads) {
    if (prefix ? r.compare(0, text.size(), text) == 0 : r.find(text) != std::string::npos) {
      return true;
    }
  }
  return false;
}

}  // namespace

void drop_unobservable_writes(SearchProblem* problem, const ValueTable& values) {
  auto& ops = problem->ops;
  bool appends = std::any_of(ops.begin(), ops.end(),
                             [](const SearchOp& op) { return op.step.kind == StepKind::kAppend; });
  if (!appends) {
    std::unordered_set<StateId> observed = observed_values(*problem);
    ops.erase(std::remove_if(ops.begin(), ops.end(),
                             [&](const SearchOp& op) {
                               if (op.required) return false;
                               if (op.step.kind == StepKind::kWrite)
                                 return !observed.count(op.step.a);
                               if (op.step.kind == StepKind::kCas)
                                 return !observed.count(op.step.b);
                               return false;
                             }),
              ops.end());
    return;
  }
  std::vector<std::string> reads;
  size_t optional = 0;
  for (const SearchOp& op : ops) {
    optional += !op.required;
    const Value& v = values.value(op.step.a);
    if (op.step.kind == StepKind::kRead && op.required && !v.is_nil()) reads.push_back(v.text);
  }
  if (optional * reads.size() > 50'000'000) return;  // not worth the scan; skipping is sound
  ops.erase(std::remove_if(ops.begin(), ops.end(),
                           [&](const SearchOp& op) {
                             if (op.required || op.step.kind == StepKind::kRead) return false;
                             std::string text = value_text(values.value(op.step.a));
                             return !read_text_has(reads, text, op.step.kind == StepKind::kWrite);
                           }),
            ops.end());
}

void merge_unreadable_states(SearchProblem* problem, ValueTable* values) {
  auto& ops = problem->ops;
  if (std::none_of(ops.begin(), ops.end(),
                   [](const SearchOp& op) { return op.step.kind == StepKind::kAppend; })) {
    return;
  }
  std::vector<std::string> reads;
  for (const SearchOp& op : ops) {
    const Value& v = values->value(op.step.a);
    if (op.step.kind == StepKind::kRead && !v.is_nil()) reads.push_back(v.text);
  }
  values->set_read_texts(std::move(reads));
  auto canonical = [&](StateId s) {
    const Value& v = values->value(s);
    return v.is_nil() || values->readable(value_text(v)) ? s : values->unreadable();
  };
  for (SearchOp& op : ops) {
    if (op.step.kind == StepKind::kWrite) op.step.a = canonical(op.step.a);
  }
  problem->initial = canonical(problem->initial);
}

}  // namespace rrt
