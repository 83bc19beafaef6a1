#include "check/value_table.h"

#include <algorithm>

namespace rrt {

static void encode_into(const Value& value, std::string* out) {
  switch (value.kind) {
    case Value::Kind::kNil:
      *out += 'n';
      return;
    case Value::Kind::kInt:
      *out += 'i';
      *out += std::to_string(value.integer);
      *out += ';';
      return;
    case Value::Kind::kString:
      *out += 's';
      *out += std::to_string(value.text.size());
      *out += ':';
      *out += value.text;
      return;
    case Value::Kind::kList:
      *out += 'l';
      *out += std::to_string(value.items.size());
      *out += ':';
      for (const Value& item : value.items) encode_into(item, out);
      return;
  }
}

std::string encode_value(const Value& value) {
  std::string out;
  encode_into(value, &out);
  return out;
}

std::string value_text(const Value& value) {
  switch (value.kind) {
    case Value::Kind::kNil:
      return "";
    case Value::Kind::kInt:
      return std::to_string(value.integer);
    case Value::Kind::kString:
      return value.text;
    case Value::Kind::kList:
      return to_string(value);
  }
  return "";
}

StateId ValueTable::intern(const Value& value) {
  auto [it, inserted] = ids_.try_emplace(encode_value(value), static_cast<StateId>(values_.size()));
  if (inserted) values_.push_back(value);
  return it->second;
}

StateId ValueTable::append(StateId state, StateId suffix) {
  if (state == unreadable_) return state;
  uint64_t key = (static_cast<uint64_t>(state) << 32) | suffix;
  auto it = appends_.find(key);
  if (it != appends_.end()) return it->second;
  std::string text = value_text(values_[state]) + value_text(values_[suffix]);
  StateId result = readable(text) ? intern(Value::of(text)) : unreadable_;
  appends_.emplace(key, result);
  return result;
}

void ValueTable::set_read_texts(std::vector<std::string> texts) {
  std::sort(texts.begin(), texts.end());
  texts.erase(std::unique(texts.begin(), texts.end()), texts.end());
  reads_ = std::move(texts);
  unreadable_ = static_cast<StateId>(values_.size());
  values_.push_back(Value::list({Value::of("a string no read starts with")}));
  appends_.clear();
}

bool ValueTable::readable(std::string_view text) const {
  if (unreadable_ == kNoState) return true;
  // Texts starting with `text` sort right at or after it.
  auto it = std::lower_bound(reads_.begin(), reads_.end(), text);
  return it != reads_.end() && std::string_view(*it).substr(0, text.size()) == text;
}

}  // namespace rrt
