// A ClientLink to one fixed address: what `rrt bench --url` measures.
#pragma once

#include "load/client_link.h"
#include "resp/connection.h"

namespace rrt {

class FixedLink : public ClientLink {
 public:
  FixedLink(asio::any_io_executor executor, Endpoint endpoint, ConnectOptions options);

  bool is_open() const override { return conn_.is_open(); }
  asio::awaitable<CallResult> ensure() override;
  asio::awaitable<void> pipeline(const std::string& encoded, size_t count, Nanos timeout,
                                 std::vector<CallResult>* results) override;
  const std::string& node() const override { return node_; }
  void close() override { conn_.close(); }

 private:
  Connection conn_;
  Endpoint endpoint_;
  ConnectOptions options_;
  std::string node_;
};

}  // namespace rrt
