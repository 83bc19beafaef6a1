// A Redis reply, as parsed by hiredis. Owns the hiredis reply tree; cheap to move.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct redisReply;
struct redisReader;

namespace rrt {

// A hiredis reader whose replies Reply can own (free with redisReaderFree). It shares one
// immutable object for every top-level "+OK" instead of allocating each.
redisReader* create_reply_reader();

class Reply {
 public:
  enum class Type { kString, kArray, kInteger, kNil, kStatus, kError, kNone };

  Reply() = default;
  // Takes ownership of a top-level reply from hiredis' reader.
  explicit Reply(redisReply* owned);

  Type type() const;
  bool is_error() const { return type() == Type::kError; }
  bool is_nil() const { return type() == Type::kNil; }
  bool is_array() const { return type() == Type::kArray; }
  bool is_integer() const { return type() == Type::kInteger; }
  // Text of a string, status or error reply ("" otherwise).
  std::string_view str() const;
  long long integer() const;
  size_t size() const;  // elements of an array reply
  // Element i of an array reply: a non-owning view into this reply.
  Reply at(size_t i) const;
  // Whole reply as text for people: strings as is, arrays one element per line.
  std::string to_text() const;
  // Array of strings (nested arrays flattened one level is not done): ["a","b"].
  std::vector<std::string> strings() const;

 private:
  Reply(std::shared_ptr<redisReply> root, const redisReply* node) : root_(root), node_(node) {}
  std::shared_ptr<redisReply> root_;  // keeps the tree alive for views of elements
  const redisReply* node_ = nullptr;
};

}  // namespace rrt
