#include "resp/sync_client.h"

#include <optional>

#include <asio/co_spawn.hpp>
#include <asio/io_context.hpp>
#include <fmt/format.h>

#include "base/errors.h"

namespace rrt {

SyncClient::SyncClient()
    : io_(std::make_unique<asio::io_context>()),
      conn_(std::make_unique<Connection>(io_->get_executor())) {}

SyncClient::~SyncClient() = default;

template <typename T>
T SyncClient::run(asio::awaitable<T> op) {
  std::optional<T> result;
  asio::co_spawn(*io_, std::move(op), [&](std::exception_ptr e, T value) {
    if (e) std::rethrow_exception(e);
    result = std::move(value);
  });
  io_->restart();
  io_->run();  // ends when the operation and its watchdog timer are done
  return std::move(*result);
}

CallResult SyncClient::connect(const Endpoint& endpoint, const ConnectOptions& options) {
  return run(conn_->connect(endpoint, options));
}

void SyncClient::must_connect(const Endpoint& endpoint, const ConnectOptions& options) {
  CallResult r = connect(endpoint, options);
  if (!r.ok()) throw EnvironmentError(r.detail);
}

bool SyncClient::is_open() const { return conn_->is_open(); }
void SyncClient::close() { conn_->close(); }
const Endpoint& SyncClient::endpoint() const { return conn_->endpoint(); }

CallResult SyncClient::call(const Args& args, Nanos timeout) {
  return run(conn_->call(args, timeout));
}

Reply SyncClient::must_call(const Args& args, Nanos timeout) {
  CallResult r = call(args, timeout);
  if (r.ok()) return std::move(r.reply);
  throw EnvironmentError(fmt::format("{} on {} failed: {}", describe_command({args.front()}),
                                     endpoint().to_string(), r.detail));
}

CallResult SyncClient::next_reply(Nanos timeout) { return run(conn_->next_reply(timeout)); }

InfoFields parse_info(std::string_view info) {
  InfoFields fields;
  size_t pos = 0;
  while (pos < info.size()) {
    size_t end = info.find('\n', pos);
    if (end == std::string_view::npos) end = info.size();
    std::string_view line = info.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    size_t colon = line.find(':');
    if (!line.empty() && line[0] != '#' && colon != std::string_view::npos) {
      fields.emplace_back(std::string(line.substr(0, colon)), std::string(line.substr(colon + 1)));
    }
    pos = end + 1;
  }
  return fields;
}

std::string info_field(std::string_view info, std::string_view field) {
  for (auto& [key, value] : parse_info(info)) {
    if (key == field) return value;
  }
  return "";
}

}  // namespace rrt
