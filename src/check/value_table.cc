#include "check/value_table.h"

#include <algorithm>
#include <string_view>

#include "check/memo_cache.h"

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

uint64_t value_hash(const Value& value) {
  switch (value.kind) {
    case Value::Kind::kNil:
      return mix64(1);
    case Value::Kind::kInt:
      return mix64(2 ^ mix64(static_cast<uint64_t>(value.integer)));
    case Value::Kind::kString:
      return mix64(3 ^ std::hash<std::string_view>()(value.text));
    case Value::Kind::kList: {
      uint64_t h = mix64(4 + value.items.size());
      for (const Value& item : value.items) h = mix64(h ^ value_hash(item));
      return h;
    }
  }
  return 0;
}

// Interning is most of what compiling a history's ops costs: no allocation per lookup.
StateId ValueTable::intern(const Value& value) {
  if (values_.size() * 2 >= slots_.size()) grow();
  size_t mask = slots_.size() - 1;
  for (size_t i = value_hash(value) & mask;; i = (i + 1) & mask) {
    if (slots_[i] == kNoState) {
      slots_[i] = static_cast<StateId>(values_.size());
      values_.push_back(value);
      return slots_[i];
    }
    if (values_[slots_[i]] == value) return slots_[i];
  }
}

void ValueTable::grow() {
  slots_.assign(std::max<size_t>(64, slots_.size() * 2), kNoState);
  size_t mask = slots_.size() - 1;
  for (StateId id = 0; id < values_.size(); ++id) {
    if (id == unreadable_) continue;  // not a value anyone interns
    size_t i = value_hash(values_[id]) & mask;
    while (slots_[i] != kNoState) i = (i + 1) & mask;
    slots_[i] = id;
  }
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
