#include "resp/reply.h"

#include <hiredis/hiredis.h>

namespace rrt {

namespace {

// The one "+OK" status reply every reader shares: a pipelined SET load gets millions of them,
// and allocating each (a reply, its text, a shared_ptr's count) was a tenth of the client's CPU.
// Immutable, never freed.
redisReply* shared_ok() {
  static char text[] = "OK";
  static redisReply ok = [] {
    redisReply r{};
    r.type = REDIS_REPLY_STATUS;
    r.str = text;
    r.len = 2;
    return r;
  }();
  return &ok;
}

// hiredis' own object functions, copied from a reader it made (they are not exported).
const redisReplyObjectFunctions& hiredis_functions() {
  static const redisReplyObjectFunctions functions = [] {
    redisReader* reader = redisReaderCreate();
    redisReplyObjectFunctions f = *reader->fn;
    redisReaderFree(reader);
    return f;
  }();
  return functions;
}

void* create_string(const redisReadTask* task, char* str, size_t len) {
  // Only a top-level reply: inside an array, freeing the parent would free its elements.
  if (task->type == REDIS_REPLY_STATUS && task->parent == nullptr && len == 2 && str[0] == 'O' &&
      str[1] == 'K') {
    return shared_ok();
  }
  return hiredis_functions().createString(task, str, len);
}

void free_object(void* object) {
  if (object != shared_ok()) hiredis_functions().freeObject(object);
}

}  // namespace

redisReader* create_reply_reader() {
  static redisReplyObjectFunctions functions = {create_string, hiredis_functions().createArray,
                                                hiredis_functions().createInteger,
                                                hiredis_functions().createNil, free_object};
  return redisReaderCreateWithFunctions(&functions);
}

// The shared OK gets a shared_ptr without a control block: copies touch no counter.
Reply::Reply(redisReply* owned)
    : root_(owned == shared_ok()
                ? std::shared_ptr<redisReply>(std::shared_ptr<redisReply>(), owned)
                : std::shared_ptr<redisReply>(owned, [](redisReply* r) { freeReplyObject(r); })),
      node_(owned) {}

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

long long Reply::integer() const {
  return node_ ? node_->integer : 0;
}

size_t Reply::size() const {
  return node_ && node_->type == REDIS_REPLY_ARRAY ? node_->elements : 0;
}

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
