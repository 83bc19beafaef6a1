#include "load/fixed_link.h"

namespace rrt {

FixedLink::FixedLink(asio::any_io_executor executor, Endpoint endpoint, ConnectOptions options)
    : conn_(std::move(executor)),
      endpoint_(std::move(endpoint)),
      options_(std::move(options)),
      node_(endpoint_.to_string()) {}

asio::awaitable<CallResult> FixedLink::ensure() {
  if (conn_.is_open()) co_return succeeded();
  co_return co_await conn_.connect(endpoint_, options_);
}

asio::awaitable<void> FixedLink::pipeline(const std::string& encoded, size_t count, Nanos timeout,
                                          std::vector<CallResult>* results) {
  // Connection::pipeline closes the connection after a timeout or a lost connection; an error
  // reply leaves it usable, and a fixed address has nowhere else to go.
  co_await conn_.pipeline(encoded, count, timeout, results);
}

}  // namespace rrt
