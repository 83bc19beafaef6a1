// A blocking Redis client for commands and set-up code (the lab, `rrt sentinel`, `rrt ping`).
// It runs the asynchronous Connection on a private event loop, so the same code classifies
// outcomes and enforces deadlines everywhere.
//
// Errors: call() returns the classified result; the `must_*` helpers throw EnvironmentError
// naming the address and deadline, for code that cannot go on without an answer.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "resp/connection.h"

namespace asio {
class io_context;
}

namespace rrt {

class SyncClient {
 public:
  SyncClient();
  ~SyncClient();
  SyncClient(const SyncClient&) = delete;
  SyncClient& operator=(const SyncClient&) = delete;

  CallResult connect(const Endpoint& endpoint, const ConnectOptions& options = {});
  void must_connect(const Endpoint& endpoint, const ConnectOptions& options = {});
  bool is_open() const;
  void close();
  const Endpoint& endpoint() const;

  CallResult call(const Args& args, Nanos timeout = 2 * kSeconds);
  // The reply, or EnvironmentError if there was none or it was an error reply.
  Reply must_call(const Args& args, Nanos timeout = 2 * kSeconds);
  CallResult next_reply(Nanos timeout);

 private:
  template <typename T>
  T run(asio::awaitable<T> op);

  std::unique_ptr<asio::io_context> io_;
  std::unique_ptr<Connection> conn_;
};

using InfoFields = std::vector<std::pair<std::string, std::string>>;

// Parses the text of an INFO reply into (field, value) pairs, skipping "# Section" lines.
InfoFields parse_info(std::string_view info);
// The value of one field of an INFO reply ("role" -> "master"); empty if absent.
std::string info_field(std::string_view info, std::string_view field);

}  // namespace rrt
