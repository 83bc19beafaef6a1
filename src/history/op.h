// One record of a client's history, as Jepsen models it.
//
// Every operation a client performs appears twice: an `invoke` record when the client is about
// to send it, then exactly one completion record for the same process: `ok` (it took effect),
// `fail` (it certainly did not take effect) or `info` (unknown: it may have taken effect at any
// moment after its invocation, or never). A process has at most one operation in flight, so a
// completion always belongs to the latest invoke of its process.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/clock.h"

namespace rrt {

enum class OpType : uint8_t { kInvoke, kOk, kFail, kInfo };

const char* op_type_name(OpType type);
// Parses "invoke" / "ok" / "fail" / "info"; returns false for anything else.
bool parse_op_type(const std::string& text, OpType* type);

// An operation's argument or result: nil, an integer, a string, or a list of values (a set read,
// a cas pair [expected new], a keyed pair [k v]).
struct Value {
  enum class Kind : uint8_t { kNil, kInt, kString, kList };

  Kind kind = Kind::kNil;
  int64_t integer = 0;
  std::string text;
  std::vector<Value> items;

  static Value nil() { return {}; }
  static Value of(int64_t i) { return {Kind::kInt, i, {}, {}}; }
  static Value of(std::string s) { return {Kind::kString, 0, std::move(s), {}}; }
  static Value list(std::vector<Value> items) { return {Kind::kList, 0, {}, std::move(items)}; }

  bool is_nil() const { return kind == Kind::kNil; }
  bool operator==(const Value& other) const = default;
};

// Text for people and error messages: nil, 42, "abc", [1 2 3].
std::string to_string(const Value& value);

struct Op {
  int64_t index = -1;  // position in the history, assigned when the history is read
  int64_t process = 0;
  OpType type = OpType::kInvoke;
  std::string f;    // operation name: read, write, cas, incr, add, get, put, append, ...
  std::string key;  // empty when the operation has no key
  Value value;      // argument on invoke, result on ok (e.g. the value read)
  Nanos time = 0;   // monotonic ns since the run's start
  std::string node;   // "host:port" the operation was sent to; empty if it never left
  std::string error;  // for fail / info: the error kind, e.g. "READONLY", "timeout"
};

using History = std::vector<Op>;

}  // namespace rrt
