#include "check/append_prune.h"

#include <set>
#include <string>

namespace rrt {

static bool starts_with(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

AppendPrune::AppendPrune(const std::vector<SearchOp>& ops, ValueTable* values)
    : ops_(ops), values_(values), rescuers_(ops.size()) {
  // Puts by text; a put can rescue a read whose text starts with it, so only the read's
  // prefixes of the lengths puts have need looking up.
  std::unordered_map<std::string, std::vector<int>> puts;
  std::set<size_t> lengths;
  for (size_t p = 0; p < ops.size(); ++p) {
    if (ops[p].step.kind != StepKind::kWrite || ops[p].step.a == values->unreadable()) continue;
    std::string text = value_text(values->value(ops[p].step.a));
    lengths.insert(text.size());
    puts[text].push_back(static_cast<int>(p));
  }
  for (size_t r = 0; r < ops.size(); ++r) {
    if (ops[r].step.kind != StepKind::kRead || !ops[r].required) continue;
    const Value& read = values->value(ops[r].step.a);
    if (read.is_nil()) continue;  // no put or append ever yields nil again
    for (size_t n : lengths) {
      if (n > read.text.size()) break;
      auto it = puts.find(read.text.substr(0, n));
      if (it == puts.end()) continue;
      for (int p : it->second) {
        if (ops[p].call_pos < ops[r].return_pos) rescuers_[r].push_back(p);
      }
    }
  }
}

bool AppendPrune::extends(StateId state, StateId read) {
  uint64_t key = (static_cast<uint64_t>(state) << 32) | read;
  auto it = extends_.find(key);
  if (it != extends_.end()) return it->second;
  if (state == values_->unreadable()) return false;
  const Value& s = values_->value(state);
  const Value& r = values_->value(read);
  bool result = s.is_nil() || (!r.is_nil() && starts_with(r.text, s.text));
  extends_.emplace(key, result);
  return result;
}

}  // namespace rrt
