#include "resp/reply.h"

#include <hiredis/hiredis.h>

namespace rrt {

Reply::Reply(redisReply* owned)
    : root_(owned, [](redisReply* r) { freeReplyObject(r); }), node_(owned) {}

Reply::Type Reply::type() const {
  if (!node_) return Type::kNone;
  switch (node_->type) {
    case REDIS_REPLY_STRING:
      return Type::kString;
    case REDIS_REPLY_ARRAY:
      return Type::kArray;
    case REDIS_REPLY_INTEGER:
      return Type::kInteger;
    case REDIS_REPLY_NIL:
      return Type::kNil;
    case REDIS_REPLY_STATUS:
      return Type::kStatus;
    case REDIS_REPLY_ERROR:
      return Type::kError;
  }
  return Type::kNone;
}

std::string_view Reply::str() const {
  if (!node_ || !node_->str) return {};
  return {node_->str, node_->len};
}

long long Reply::integer() const { return node_ ? node_->integer : 0; }

size_t Reply::size() const { return node_ && node_->type == REDIS_REPLY_ARRAY ? node_->elements : 0; }

Reply Reply::at(size_t i) const {
  if (i >= size()) return Reply();
  return Reply(root_, node_->element[i]);
}

std::string Reply::to_text() const {
  switch (type()) {
    case Type::kInteger:
      return std::to_string(integer());
    case Type::kNil:
      return "(nil)";
    case Type::kArray: {
      std::string out;
      for (size_t i = 0; i < size(); ++i) {
        if (i) out += '\n';
        out += at(i).to_text();
      }
      return out;
    }
    case Type::kNone:
      return "";
    default:
      return std::string(str());
  }
}

std::vector<std::string> Reply::strings() const {
  std::vector<std::string> out;
  for (size_t i = 0; i < size(); ++i) out.emplace_back(at(i).to_text());
  return out;
}

}  // namespace rrt
