#include "net/fault_proxy.h"

#include <fmt/format.h>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/redirect_error.hpp>
#include <asio/use_awaitable.hpp>

#include "base/errors.h"

namespace rrt {

using asio::ip::tcp;

FaultProxy::FaultProxy(asio::io_context& io, ProxyConfig config, LinkRules& rules,
                       Identify identify)
    : io_(io),
      config_(std::move(config)),
      rules_(rules),
      identify_(std::move(identify)),
      acceptor_(io) {}

void FaultProxy::start() {
  listen();
}

void FaultProxy::listen() {
  std::error_code ec;
  tcp::endpoint ep(asio::ip::make_address(config_.listen.host, ec),
                   static_cast<uint16_t>(config_.listen.port));
  acceptor_.open(ep.protocol(), ec);
  if (!ec) acceptor_.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor_.bind(ep, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    acceptor_.close(ec);
    throw EnvironmentError(fmt::format("proxy for {} cannot listen on {}: {}", config_.node,
                                       config_.listen.to_string(), ec.message()));
  }
  config_.listen.port = acceptor_.local_endpoint().port();  // a port-0 proxy keeps its port
  asio::co_spawn(io_, accept_loop(), asio::detached);
}

asio::awaitable<void> FaultProxy::accept_loop() {
  auto self = shared_from_this();
  while (acceptor_.is_open()) {
    std::error_code ec;
    tcp::socket socket =
        co_await acceptor_.async_accept(asio::redirect_error(asio::use_awaitable, ec));
    if (ec == asio::error::operation_aborted || !acceptor_.is_open()) co_return;
    if (!ec) on_accept(std::move(socket));
  }
}

void FaultProxy::on_accept(tcp::socket socket) {
  prune();
  std::error_code ec;
  std::string from = config_.from;
  if (from.empty()) from = identify_(socket.remote_endpoint(ec).address().to_string());
  auto session =
      std::make_shared<ProxySession>(std::move(socket), from, config_.node, rules_, toxics_);
  if (reset_) {
    session->reset();
    return;
  }
  sessions_.insert(session);
  session->start(config_.upstream);
  if (toxics_->blackhole) session->close_after(blackhole_close_after_);
}

void FaultProxy::prune() {
  std::erase_if(sessions_, [](const auto& s) { return s->closed(); });
}

void FaultProxy::stop() {
  stopped_ = true;
  std::error_code ec;
  acceptor_.close(ec);
  for (const auto& s : sessions_) s->close();
  sessions_.clear();
}

void FaultProxy::set_down(bool down) {
  if (down == down_ || stopped_) return;
  down_ = down;
  if (down) {
    std::error_code ec;
    acceptor_.close(ec);
    for (const auto& s : sessions_) s->close();
    sessions_.clear();
  } else {
    listen();
  }
}

void FaultProxy::set_reset(bool reset) {
  reset_ = reset;
  if (!reset) return;
  for (const auto& s : sessions_) s->reset();
  sessions_.clear();
}

void FaultProxy::set_blackhole(bool on, Nanos close_after) {
  bool was = toxics_->blackhole;
  toxics_->blackhole = on;
  blackhole_close_after_ = close_after;
  prune();
  for (const auto& s : sessions_) {
    if (on) s->close_after(close_after);
    if (!on && was) s->close();  // bytes were swallowed: the stream cannot go on
  }
}

void FaultProxy::set_slow_close(Nanos delay) {
  toxics_->slow_close = delay;
}

Endpoint FaultProxy::endpoint() const {
  return config_.listen;
}

size_t FaultProxy::open_connections() {
  prune();
  return sessions_.size();
}

}  // namespace rrt
