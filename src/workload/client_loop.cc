#include "workload/client_loop.h"

#include <fmt/format.h>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>
#include <cmath>
#include <optional>

namespace rrt {

void OpStats::add(const CallResult& r) {
  Nanos now = mono_ns();
  if (first == 0) first = now;
  last = now;
  if (r.ok()) {
    ++ok;
    return;
  }
  ++(r.outcome == Outcome::kFail ? fail : info);
  ++errors[r.error.empty() ? "unknown" : r.error];
}

static double ops_per_second(const OpStats& s) {
  Nanos span = s.last - s.first;
  return span > 0 ? static_cast<double>(s.ok + s.fail + s.info) * kSeconds / span : 0;
}

nlohmann::json OpStats::to_json() const {
  return {{"ok", ok},
          {"fail", fail},
          {"info", info},
          {"errors", errors},
          {"ops_per_s", std::round(ops_per_second(*this))}};
}

std::string OpStats::text() const {
  std::string out = fmt::format("{} ok, {} fail, {} info", ok, fail, info);
  if (!errors.empty()) {
    std::string kinds;
    for (const auto& [kind, n] : errors)
      kinds += fmt::format("{}{} {}", kinds.empty() ? "" : ", ", kind, n);
    out += " (" + kinds + ")";
  }
  return out + fmt::format(", {:.0f} ops/s", ops_per_second(*this));
}

static asio::awaitable<void> pause(const asio::any_io_executor& ex, Nanos d) {
  if (d <= 0) co_return;
  asio::steady_timer t(ex);
  t.expires_after(std::chrono::nanoseconds(d));
  co_await t.async_wait(asio::use_awaitable);
}

// One attempt of `op` through `client`: invoke, call (if a connection could be made), complete.
static asio::awaitable<CallResult> attempt(WorkloadContext& ctx, TargetClient& client,
                                           int64_t process, const ClientOp& op) {
  CallResult r = co_await client.ensure();
  if (!r.ok()) r.outcome = Outcome::kFail;  // nothing was sent: it certainly did not happen
  client.route(op.command);                 // a cluster client names the key's node
  Op record = ctx.recorder->invoke(process, op.f, op.key, op.argument, client.node());
  if (r.ok()) r = co_await client.call(op.command);
  if (r.ok() && !op.then.empty()) {
    r = co_await client.call(op.then);
    if (r.ok() && op.confirm) r = op.confirm(r);
    if (!r.ok()) r.outcome = Outcome::kInfo;  // `command` happened; its fate is unknown
  }
  Value value = r.ok() && op.result ? op.result(r) : op.argument;
  ctx.recorder->complete(std::move(record), r, std::move(value));
  co_return r;
}

asio::awaitable<void> run_client(WorkloadContext& ctx, ClientOptions options, int index,
                                 int64_t process, std::function<ClientOp(int64_t seq)> next,
                                 OpStats& stats, const SwitchWatcher* switches) {
  TargetClient master(ctx, TargetClient::Target::kMaster, index, options.timeout);
  std::optional<TargetClient> replica;
  Nanos interval =
      options.rate > 0 ? static_cast<Nanos>(kSeconds * options.clients / options.rate) : 0;
  uint64_t generation = switches ? switches->generation() : 0;
  Nanos due = mono_ns() + (interval ? interval * index / options.clients : 0);  // spread starts
  for (int64_t seq = 0; !ctx.should_stop() && (options.ops == 0 || seq < options.ops); ++seq) {
    if (interval) {
      co_await pause(ctx.executor, due - mono_ns());
      due = std::max(due + interval, mono_ns());  // never burst to catch up
      if (ctx.should_stop()) break;
    }
    if (switches && switches->generation() != generation) {
      generation = switches->generation();
      master.drop();
    }
    ClientOp op = next(seq);
    if (op.to_replica && !replica)
      replica.emplace(ctx, TargetClient::Target::kReplica, index, options.timeout);
    CallResult r = co_await attempt(ctx, op.to_replica ? *replica : master, process, op);
    stats.add(r);
    if (!r.ok()) co_await pause(ctx.executor, options.retry_delay);
  }
}

void start_clients(WorkloadContext& ctx, const ClientOptions& options,
                   const std::function<std::function<ClientOp(int64_t)>(int)>& make_next,
                   OpStats& stats, SwitchWatcher& switches, std::function<void()> done) {
  if (options.follow_switch) switches.start(ctx);
  auto counter = std::make_shared<ClientCounter>(options.clients, [&switches, done] {
    switches.stop();
    done();
  });
  const SwitchWatcher* watcher = options.follow_switch ? &switches : nullptr;
  for (int i = 0; i < options.clients; ++i) {
    auto next = make_next(i);
    asio::co_spawn(
        ctx.executor,
        [&ctx, options, i, next, &stats, watcher, counter]() -> asio::awaitable<void> {
          co_await run_client(ctx, options, i, ctx.process_base + i, next, stats, watcher);
          counter->client_ended();
        },
        asio::detached);
  }
}

asio::awaitable<CallResult> run_until_ok(WorkloadContext& ctx, int64_t process, ClientOp op,
                                         Nanos timeout) {
  TargetClient master(ctx, TargetClient::Target::kMaster, 0);
  Nanos deadline = mono_ns() + timeout;
  for (;;) {
    CallResult r = co_await attempt(ctx, master, process, op);
    if (r.ok() || ctx.stop->load() || mono_ns() > deadline) co_return r;
    co_await pause(ctx.executor, 200 * kMillis);
  }
}

}  // namespace rrt
