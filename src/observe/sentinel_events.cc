#include "observe/sentinel_events.h"

#include <asio/steady_timer.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>

namespace rrt {

static constexpr Nanos kPoll = 200 * kMillis;

static Args psubscribe(const std::string& pattern) {
  return {"PSUBSCRIBE", pattern};
}

asio::awaitable<void> watch_sentinel(Endpoint sentinel, ConnectOptions options, std::string pattern,
                                     std::function<void(const SentinelMessage&)> on_message,
                                     const std::atomic<bool>& stop,
                                     std::function<void(const std::string&)> on_error) {
  auto executor = co_await asio::this_coro::executor;
  Connection conn(executor);
  asio::steady_timer pause(executor);
  while (!stop) {
    CallResult r = co_await conn.connect(sentinel, options);
    if (r.ok()) r = co_await conn.call(psubscribe(pattern), options.timeout);
    while (r.ok() && !stop) {
      r = co_await conn.next_reply(kPoll);
      if (r.error == "timeout") {
        r.outcome = Outcome::kOk;  // nothing happened; the connection is still good
        continue;
      }
      // A pmessage is [pmessage, pattern, channel, payload].
      if (r.ok() && r.reply.size() == 4 && r.reply.at(0).str() == "pmessage") {
        on_message({mono_ns(), wall_ns(), sentinel, std::string(r.reply.at(2).str()),
                    std::string(r.reply.at(3).str())});
      }
    }
    if (stop) break;
    if (on_error) on_error(sentinel.to_string() + ": " + r.detail);
    conn.close();
    pause.expires_after(std::chrono::nanoseconds(kPoll));
    co_await pause.async_wait(asio::use_awaitable);
  }
}

}  // namespace rrt
