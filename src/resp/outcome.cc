#include "resp/outcome.h"

namespace rrt {

std::string error_kind(std::string_view text) {
  size_t end = text.find(' ');
  return std::string(text.substr(0, end));
}

CallResult classify_reply(Reply reply) {
  CallResult r;
  if (reply.is_error()) {
    // An error reply means Redis processed the command and rejected it: nothing was applied.
    r.outcome = Outcome::kFail;
    r.detail = std::string(reply.str());
    r.error = error_kind(r.detail);
  } else {
    r.outcome = Outcome::kOk;
  }
  r.reply = std::move(reply);
  return r;
}

CallResult succeeded() {
  return {Outcome::kOk, Reply(), "", ""};
}

CallResult failed_before_send(std::string kind, std::string detail) {
  return {Outcome::kFail, Reply(), std::move(kind), std::move(detail)};
}

CallResult unknown_after_send(std::string kind, std::string detail) {
  return {Outcome::kInfo, Reply(), std::move(kind), std::move(detail)};
}

}  // namespace rrt
