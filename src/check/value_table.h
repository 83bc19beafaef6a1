// Interns model states and op arguments as small integers, so the linearizability search
// compares and hashes integers instead of values.
//
// Not thread-safe: each partition of a check owns one table.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "history/op.h"

namespace rrt {

using StateId = uint32_t;
constexpr StateId kNoState = ~StateId{0};

class ValueTable {
 public:
  // The id of `value`, creating it on first sight. Equal values get equal ids.
  StateId intern(const Value& value);
  const Value& value(StateId id) const { return values_[id]; }
  size_t size() const { return values_.size(); }

  // The id of string `state` (nil counts as "") followed by string `suffix`: Redis APPEND.
  // Results are cached, so repeated transitions cost one hash lookup.
  StateId append(StateId state, StateId suffix);

  // For string objects (kv): the texts reads returned. From then on append() gives every
  // string that is not a prefix of one of them the one id unreadable(): no read can tell such
  // strings apart, and appending keeps them so (see merge_unreadable_states). Its value() is a
  // list, so it never equals a string.
  void set_read_texts(std::vector<std::string> texts);
  // kNoState until set_read_texts.
  StateId unreadable() const { return unreadable_; }
  // Whether `text` is a prefix of a read text; true until set_read_texts.
  bool readable(std::string_view text) const;

 private:
  void grow();

  std::vector<Value> values_;
  std::vector<StateId> slots_;  // open addressing by value_hash: ids, kNoState when free
  std::unordered_map<uint64_t, StateId> appends_;  // (state << 32 | suffix) -> result
  std::vector<std::string> reads_;                 // sorted, unique
  StateId unreadable_ = kNoState;
};

// An injective byte encoding of a value (kind tags and lengths), used as a hash key.
std::string encode_value(const Value& value);

// A well-mixed hash of a value; equal values hash alike.
uint64_t value_hash(const Value& value);

// The text a string-valued model (kv) stores for `value`: integers in decimal; nil as "".
std::string value_text(const Value& value);

}  // namespace rrt
