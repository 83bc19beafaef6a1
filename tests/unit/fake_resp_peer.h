// A fake RESP peer for unit tests of the topology client: a TCP server on 127.0.0.1 (a port the
// kernel picks) that answers each command with canned RESP text. It stands in for Redis only
// where a test needs an answer a real server cannot be made to give on demand (a sentinel
// naming any master, a node that never answers); behaviour against real servers is tested in
// tests/integration.
#pragma once

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/read.hpp>
#include <asio/read_until.hpp>
#include <asio/streambuf.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/write.hpp>
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "resp/url.h"

namespace rrt {

class FakeRespPeer {
 public:
  // The RESP text to send back for `command` (its words); "" sends nothing (a peer that hangs).
  using Answer = std::function<std::string(const std::vector<std::string>& command)>;

  explicit FakeRespPeer(Answer answer)
      : answer_(std::move(answer)),
        acceptor_(io_, asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
    asio::co_spawn(io_, accept_loop(), asio::detached);
    thread_ = std::thread([this] { io_.run(); });
  }
  ~FakeRespPeer() {
    io_.stop();
    thread_.join();
  }

  Endpoint endpoint() const { return {"127.0.0.1", acceptor_.local_endpoint().port()}; }
  // Every command received so far, words joined by spaces.
  std::vector<std::string> seen() const {
    std::lock_guard lock(mu_);
    return seen_;
  }

  static std::string bulk(const std::string& s) {
    return "$" + std::to_string(s.size()) + "\r\n" + s + "\r\n";
  }
  static std::string array(const std::vector<std::string>& items) {
    std::string out = "*" + std::to_string(items.size()) + "\r\n";
    for (const auto& i : items) out += bulk(i);
    return out;
  }

 private:
  asio::awaitable<void> accept_loop() {
    for (;;) {
      asio::ip::tcp::socket s = co_await acceptor_.async_accept(asio::use_awaitable);
      asio::co_spawn(io_, session(std::move(s)), asio::detached);
    }
  }

  asio::awaitable<std::string> line(asio::ip::tcp::socket& s, asio::streambuf& buf) {
    size_t n = co_await asio::async_read_until(s, buf, "\r\n", asio::use_awaitable);
    std::string text(asio::buffers_begin(buf.data()), asio::buffers_begin(buf.data()) + n - 2);
    buf.consume(n);
    co_return text;
  }

  asio::awaitable<void> session(asio::ip::tcp::socket s) {
    asio::streambuf buf;
    try {
      for (;;) {
        std::string head = co_await line(s, buf);
        std::vector<std::string> words;
        int count = head.size() > 1 && head[0] == '*' ? std::stoi(head.substr(1)) : 0;
        for (int i = 0; i < count; ++i) {
          size_t len = std::stoul((co_await line(s, buf)).substr(1));
          if (buf.size() < len + 2) {
            co_await asio::async_read(s, buf, asio::transfer_exactly(len + 2 - buf.size()),
                                      asio::use_awaitable);
          }
          words.emplace_back(asio::buffers_begin(buf.data()),
                             asio::buffers_begin(buf.data()) + len);
          buf.consume(len + 2);
        }
        std::string joined;
        for (const auto& w : words) joined += (joined.empty() ? "" : " ") + w;
        {
          std::lock_guard lock(mu_);
          seen_.push_back(joined);
        }
        std::string reply = answer_(words);
        if (!reply.empty()) co_await asio::async_write(s, asio::buffer(reply), asio::use_awaitable);
      }
    } catch (const std::exception&) {
      // The client closed the connection.
    }
  }

  Answer answer_;
  asio::io_context io_;
  asio::ip::tcp::acceptor acceptor_;
  std::thread thread_;
  mutable std::mutex mu_;
  std::vector<std::string> seen_;
};

}  // namespace rrt
