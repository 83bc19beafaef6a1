#include "resp/connection.h"

#include <fmt/format.h>
#include <hiredis/hiredis.h>
#include <unistd.h>

#include <array>
#include <asio/connect.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/redirect_error.hpp>
#include <asio/ssl/error.hpp>
#include <asio/ssl/stream.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/write.hpp>
#include <cerrno>
#include <optional>

namespace rrt {

using asio::ip::tcp;

ConnectOptions ConnectOptions::from_url(const RedisUrl& url, Nanos timeout,
                                        std::shared_ptr<TlsContext> tls) {
  return {url.user, url.password, url.db, timeout, nullptr, std::move(tls)};
}

// Opens `socket` for `to` with the options' socket hook (see ConnectOptions::open_socket).
static std::error_code open_with_hook(tcp::socket& socket, const tcp::endpoint& to,
                                      const ConnectOptions& options) {
  std::error_code ec;
  socket.close(ec);
  int fd = options.open_socket(to.protocol().family());
  if (fd < 0) return std::error_code(errno, std::system_category());
  socket.assign(to.protocol(), fd, ec);
  if (ec) ::close(fd);
  return ec;
}

// Why a TLS handshake failed, in words: the verification error if there was one, else the
// TLS error with a hint when the server does not seem to speak TLS.
static std::string handshake_failure(SSL* ssl, std::error_code ec, const TlsOptions& o) {
  long verify = SSL_get_verify_result(ssl);
  if (verify != X509_V_OK) {
    return fmt::format("certificate verify failed: {} ({})", X509_verify_cert_error_string(verify),
                       o.trust());
  }
  std::string why = ec.message();
  if (ec.category() == asio::error::get_ssl_category() ||
      ec == asio::ssl::error::stream_truncated || ec == asio::error::eof) {
    return why + " (does the server speak TLS on this port?)";
  }
  return fmt::format("{} ({})", why, o.trust());
}

struct Connection::Impl {
  explicit Impl(asio::any_io_executor ex) : socket(ex), resolver(ex), timer(ex) {}
  ~Impl() {
    if (reader) redisReaderFree(reader);
  }

  tcp::socket socket;
  std::optional<asio::ssl::stream<tcp::socket&>> tls;  // set while a TLS connection is open
  std::shared_ptr<TlsContext> tls_context;             // keeps `tls`'s SSL_CTX alive
  tcp::resolver resolver;
  asio::steady_timer timer;
  redisReader* reader = nullptr;
  std::array<char, 16 * 1024> buffer;
  Endpoint endpoint;
  std::string out;                     // reused request buffer for call()
  std::vector<CallResult> one_result;  // reused result vector for call()
  uint64_t deadline_id = 0;            // identifies the armed deadline; bumped by disarm()
  Nanos armed_for = 0;                 // the deadline last armed, for error messages
  bool timed_out = false;

  // Starts a watchdog: if the current operation is still running after `timeout`, its socket
  // operations are cancelled (they finish with operation_aborted) and `timed_out` is set.
  void arm(Nanos timeout) {
    timed_out = false;
    armed_for = timeout;
    timer.expires_after(std::chrono::nanoseconds(timeout));
    timer.async_wait([this, id = ++deadline_id](std::error_code ec) {
      if (ec || id != deadline_id) return;  // on ec, `this` may already be gone: check it first
      timed_out = true;
      std::error_code ignored;
      socket.cancel(ignored);
      resolver.cancel();
    });
  }

  void disarm() {
    ++deadline_id;
    timer.cancel();
  }

  void reset() {
    std::error_code ignored;
    tls.reset();
    socket.close(ignored);
    if (reader) redisReaderFree(reader);
    reader = nullptr;
  }

  // Moves every complete reply hiredis holds into `results`, up to `count` in all. Returns an
  // error only for a protocol error.
  std::error_code take_replies(size_t count, std::vector<CallResult>* results) {
    while (results->size() < count) {
      void* parsed = nullptr;
      if (redisReaderGetReply(reader, &parsed) != REDIS_OK) {
        return std::make_error_code(std::errc::protocol_error);
      }
      if (!parsed) break;
      results->push_back(classify_reply(Reply(static_cast<redisReply*>(parsed))));
    }
    return {};
  }

  // Reads until `results` holds `count` replies. Returns an empty error_code on success.
  asio::awaitable<std::error_code> read_replies(size_t count, std::vector<CallResult>* results) {
    std::error_code ec = take_replies(count, results);
    while (!ec && results->size() < count) {
      auto into = asio::buffer(buffer);
      auto how = asio::redirect_error(asio::use_awaitable, ec);
      size_t n = tls ? co_await tls->async_read_some(into, how)
                     : co_await socket.async_read_some(into, how);
      if (ec) break;
      redisReaderFeed(reader, buffer.data(), n);
      ec = take_replies(count, results);
    }
    co_return ec;
  }

  // Writes all of `data`: first directly (the socket is non-blocking, and a request usually
  // fits in the socket buffer at once), then asynchronously for what is left.
  asio::awaitable<std::error_code> write_all(const std::string& data) {
    std::error_code ec;
    if (tls) {
      co_await asio::async_write(*tls, asio::buffer(data),
                                 asio::redirect_error(asio::use_awaitable, ec));
      co_return ec;
    }
    size_t done = socket.write_some(asio::buffer(data), ec);
    if (ec == asio::error::would_block || ec == asio::error::try_again) {
      ec = {};
      done = 0;
    }
    if (!ec && done < data.size()) {
      co_await asio::async_write(socket, asio::buffer(data.data() + done, data.size() - done),
                                 asio::redirect_error(asio::use_awaitable, ec));
    }
    co_return ec;
  }

  // The TLS handshake on the connected socket, under the options' timeout. Sends --sni if given.
  asio::awaitable<CallResult> handshake(const ConnectOptions& o) {
    Impl& d = *this;
    d.tls_context = o.tls;
    d.tls.emplace(d.socket, o.tls->native());
    const TlsOptions& t = o.tls->options();
    if (!t.sni.empty()) SSL_set_tlsext_host_name(d.tls->native_handle(), t.sni.c_str());
    std::error_code ec;
    d.arm(o.timeout);
    co_await d.tls->async_handshake(asio::ssl::stream_base::client,
                                    asio::redirect_error(asio::use_awaitable, ec));
    d.disarm();
    if (!ec) co_return succeeded();
    std::string why = d.timed_out ? fmt::format(
                                        "no handshake within {} ms (does the server speak "
                                        "TLS on this port?)",
                                        o.timeout / kMillis)
                                  : handshake_failure(d.tls->native_handle(), ec, t);
    d.reset();
    co_return failed_before_send("tls-handshake", fmt::format("TLS handshake with {} failed: {}",
                                                              d.endpoint.to_string(), why));
  }

  // What went wrong with a request already (possibly) sent, as an `info` result.
  CallResult lost(std::error_code ec) {
    reset();
    if (timed_out) {
      return unknown_after_send("timeout", fmt::format("no reply from {} within {} ms",
                                                       endpoint.to_string(), armed_for / kMillis));
    }
    return unknown_after_send("connection-lost",
                              fmt::format("{}: {}", endpoint.to_string(), ec.message()));
  }
};

Connection::Connection(asio::any_io_executor executor)
    : impl_(std::make_unique<Impl>(std::move(executor))) {}

Connection::~Connection() = default;

bool Connection::is_open() const {
  return impl_->socket.is_open() && impl_->reader;
}

void Connection::close() {
  impl_->reset();
}

const Endpoint& Connection::endpoint() const {
  return impl_->endpoint;
}

static std::string address_text(const Endpoint& ep, Nanos timeout) {
  return fmt::format("{} (deadline {} ms)", ep.to_string(), timeout / kMillis);
}

// Built outside the coroutine: g++ 12 rejects braced lists of string literals inside one.
static Args auth_command(const ConnectOptions& options) {
  Args auth = {"AUTH"};
  if (!options.user.empty()) auth.push_back(options.user);
  auth.push_back(options.password);
  return auth;
}

static Args select_command(int db) {
  return {"SELECT", std::to_string(db)};
}

asio::awaitable<CallResult> Connection::connect(Endpoint endpoint, ConnectOptions options) {
  Impl& d = *impl_;
  d.reset();
  d.endpoint = endpoint;
  std::error_code ec;
  d.arm(options.timeout);
  auto address = asio::ip::make_address(endpoint.host, ec);
  if (!ec) {
    tcp::endpoint to(address, endpoint.port);
    if (options.open_socket) ec = open_with_hook(d.socket, to, options);
    if (!ec) co_await d.socket.async_connect(to, asio::redirect_error(asio::use_awaitable, ec));
  } else if (options.open_socket) {
    ec = {};
    auto results = co_await d.resolver.async_resolve(endpoint.host, std::to_string(endpoint.port),
                                                     asio::redirect_error(asio::use_awaitable, ec));
    if (!ec && results.empty()) ec = asio::error::host_not_found;
    if (!ec) ec = open_with_hook(d.socket, *results.begin(), options);
    if (!ec) {
      co_await d.socket.async_connect(*results.begin(),
                                      asio::redirect_error(asio::use_awaitable, ec));
    }
  } else {
    ec = {};
    auto results = co_await d.resolver.async_resolve(endpoint.host, std::to_string(endpoint.port),
                                                     asio::redirect_error(asio::use_awaitable, ec));
    if (!ec) {
      co_await asio::async_connect(d.socket, results,
                                   asio::redirect_error(asio::use_awaitable, ec));
    }
  }
  d.disarm();
  if (ec) {
    d.reset();
    if (d.timed_out) {
      co_return failed_before_send("connect-timeout",
                                   "no connection to " + address_text(endpoint, options.timeout));
    }
    std::string kind = ec == asio::error::connection_refused ? "connect-refused" : "connect-error";
    co_return failed_before_send(
        kind, fmt::format("cannot connect to {}: {}", address_text(endpoint, options.timeout),
                          ec.message()));
  }
  d.socket.set_option(tcp::no_delay(true), ec);
  d.socket.non_blocking(true, ec);  // for write_all's direct write
  if (options.tls) {
    CallResult r = co_await d.handshake(options);
    if (!r.ok()) co_return r;
  }
  d.reader = create_reply_reader();
  if (!options.password.empty()) {
    CallResult r = co_await call(auth_command(options), options.timeout);
    if (!r.ok()) {
      d.reset();
      // The reply names no secret; pass it on so the user sees WRONGPASS or NOAUTH.
      co_return failed_before_send(
          "auth", fmt::format("AUTH on {} failed: {}", endpoint.to_string(), r.detail));
    }
  }
  if (options.db != 0) {
    CallResult r = co_await call(select_command(options.db), options.timeout);
    if (!r.ok()) {
      d.reset();
      co_return failed_before_send("select", r.detail);
    }
  }
  co_return succeeded();
}

asio::awaitable<CallResult> Connection::call(const Args& args, Nanos timeout) {
  Impl& d = *impl_;
  if (!is_open()) co_return failed_before_send("not-connected", "not connected");
  d.out.clear();
  append_command(args, &d.out);
  co_await pipeline(d.out, 1, timeout, &d.one_result);
  co_return std::move(d.one_result.front());
}

asio::awaitable<void> Connection::pipeline(const std::string& encoded, size_t count, Nanos timeout,
                                           std::vector<CallResult>* results) {
  Impl& d = *impl_;
  results->clear();
  if (!is_open()) {
    results->assign(count, failed_before_send("not-connected", "not connected"));
    co_return;
  }
  d.arm(timeout);
  std::error_code ec = co_await d.write_all(encoded);
  if (!ec) ec = co_await d.read_replies(count, results);
  d.disarm();
  if (ec) {
    CallResult lost = d.lost(ec);
    results->resize(count, lost);
  }
}

asio::awaitable<CallResult> Connection::next_reply(Nanos timeout) {
  Impl& d = *impl_;
  if (!is_open()) co_return failed_before_send("not-connected", "not connected");
  d.arm(timeout);
  std::vector<CallResult> results;
  std::error_code ec = co_await d.read_replies(1, &results);
  d.disarm();
  if (!ec) co_return std::move(results.front());
  if (d.timed_out && ec == asio::error::operation_aborted) {
    co_return unknown_after_send("timeout", "nothing received");  // connection stays usable
  }
  co_return d.lost(ec);
}

}  // namespace rrt
