#include "net/proxy_session.h"

#include <algorithm>
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/redirect_error.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/write.hpp>
#include <random>
#include <vector>

namespace rrt {

using asio::ip::tcp;

static constexpr size_t kReadSize = 16 * 1024;
// A flow stops reading while this much waits in its queue (as a full TCP window would).
static constexpr size_t kMaxQueued = 1024 * 1024;
// How often a held flow looks whether its link healed.
static constexpr Nanos kHoldPoll = 5 * kMillis;

static double uniform01() {
  thread_local std::mt19937_64 gen{std::random_device{}()};
  return std::uniform_real_distribution<double>(0, 1)(gen);
}

static std::chrono::steady_clock::time_point at(Nanos mono) {
  return std::chrono::steady_clock::time_point(std::chrono::nanoseconds(mono));
}

ProxySession::Flow::Flow(tcp::socket& src, tcp::socket& dst, std::string from, std::string to)
    : src(src), dst(dst), from(std::move(from)), to(std::move(to)), wake(src.get_executor()) {}

ProxySession::ProxySession(tcp::socket client, std::string from, std::string to, LinkRules& rules,
                           std::shared_ptr<const ProxyToxics> toxics)
    : client_(std::move(client)),
      node_(client_.get_executor()),
      from_(std::move(from)),
      to_(std::move(to)),
      rules_(rules),
      toxics_(std::move(toxics)),
      up_(client_, node_, from_, to_),
      down_(node_, client_, to_, from_),
      close_timer_(client_.get_executor()) {}

void ProxySession::start(const Endpoint& upstream) {
  asio::co_spawn(client_.get_executor(), run(upstream), asio::detached);
}

asio::awaitable<void> ProxySession::run(Endpoint upstream) {
  auto self = shared_from_this();
  std::error_code ec;
  client_.set_option(tcp::no_delay(true), ec);
  if (toxics_->blackhole) {
    co_await read_flow(up_);  // swallows until the client gives up
    close();
    co_return;
  }
  tcp::endpoint target(asio::ip::make_address(upstream.host, ec),
                       static_cast<uint16_t>(upstream.port));
  co_await node_.async_connect(target, asio::redirect_error(asio::use_awaitable, ec));
  if (ec || closed_) {
    reset();  // the node is not there: the client's connection fails at once, not after a hang
    co_return;
  }
  node_.set_option(tcp::no_delay(true), ec);
  auto ex = client_.get_executor();
  asio::co_spawn(ex, read_flow(up_), asio::detached);
  asio::co_spawn(ex, read_flow(down_), asio::detached);
  asio::co_spawn(ex, write_flow(up_, false), asio::detached);
  co_await write_flow(down_, true);
}

asio::awaitable<void> ProxySession::sleep(Nanos d) {
  asio::steady_timer t(client_.get_executor());
  t.expires_after(std::chrono::nanoseconds(d));
  std::error_code ec;
  co_await t.async_wait(asio::redirect_error(asio::use_awaitable, ec));
}

// When the chunk of `bytes` read now may reach f.dst. Chunks never overtake each other.
Nanos ProxySession::due_time(Flow& f, size_t bytes) {
  Nanos now = mono_ns();
  LinkEffect e = rules_.effect(f.from, f.to);
  if (e.none()) return std::max(now, f.last_due);
  Nanos delay = e.latency;
  if (e.jitter > 0) delay += static_cast<Nanos>((uniform01() * 2 - 1) * e.jitter);
  if (e.loss > 0 && uniform01() < e.loss) delay += kRetransmitDelay;
  Nanos sent = rules_.transmit_done(f.from, bytes, now);
  f.last_due = std::max(f.last_due, sent + std::max<Nanos>(delay, 0));
  return f.last_due;
}

asio::awaitable<void> ProxySession::read_flow(Flow& f) {
  auto self = shared_from_this();
  std::vector<char> buf(kReadSize);
  for (;;) {
    std::error_code ec;
    size_t n = co_await f.src.async_read_some(asio::buffer(buf),
                                              asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (ec == asio::error::eof && !closed_) {
        f.eof = true;
        f.wake.cancel();
      } else {
        close();
      }
      co_return;
    }
    if (toxics_->blackhole) continue;  // swallowed
    // A cut link (or a full queue) stops reading: the sender's kernel buffers fill up and it
    // stalls, as it would behind a dead link.
    while (!closed_ && (f.queued >= kMaxQueued || rules_.effect(f.from, f.to).held)) {
      co_await sleep(kHoldPoll);
    }
    if (closed_) co_return;
    f.queue.push_back({due_time(f, n), std::string(buf.data(), n)});
    f.queued += n;
    f.wake.cancel();
  }
}

asio::awaitable<void> ProxySession::write_flow(Flow& f, bool to_client) {
  auto self = shared_from_this();
  while (!closed_) {
    std::error_code ec;
    if (f.queue.empty() && f.eof) {
      if (to_client && toxics_->slow_close > 0) co_await sleep(toxics_->slow_close);
      f.dst.shutdown(tcp::socket::shutdown_send, ec);
      f.done = true;
      if (up_.done && down_.done) close();
      co_return;
    }
    if (f.queue.empty() || f.queue.front().due > mono_ns()) {
      f.wake.expires_at(f.queue.empty() ? asio::steady_timer::time_point::max()
                                        : at(f.queue.front().due));
      co_await f.wake.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;  // woken by new data, by the due time, or by close()
    }
    Chunk chunk = std::move(f.queue.front());
    f.queue.pop_front();
    f.queued -= chunk.data.size();
    co_await asio::async_write(f.dst, asio::buffer(chunk.data),
                               asio::redirect_error(asio::use_awaitable, ec));
    if (ec) close();
  }
}

void ProxySession::close() {
  if (closed_) return;
  closed_ = true;
  std::error_code ec;
  client_.close(ec);
  node_.close(ec);
  up_.wake.cancel();
  down_.wake.cancel();
  close_timer_.cancel();
}

void ProxySession::reset() {
  std::error_code ec;
  if (client_.is_open()) client_.set_option(asio::socket_base::linger(true, 0), ec);
  close();
}

void ProxySession::close_after(Nanos after) {
  if (after <= 0 || closed_) return;
  close_timer_.expires_after(std::chrono::nanoseconds(after));
  close_timer_.async_wait([self = shared_from_this()](std::error_code ec) {
    if (!ec) self->close();
  });
}

}  // namespace rrt
