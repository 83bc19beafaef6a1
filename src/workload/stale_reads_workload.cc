#include "workload/stale_reads_workload.h"

#include <fmt/format.h>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>

#include "base/errors.h"

namespace rrt {

static Value read_value(const CallResult& r) {
  if (!r.ok() || r.reply.is_nil()) return Value::nil();
  std::string text(r.reply.str());
  try {
    return Value::of(static_cast<int64_t>(std::stoll(text)));
  } catch (const std::exception&) {
    return Value::of(text);
  }
}

static Args set_command(const std::string& key, int round) {
  return {"SET", key, std::to_string(round)};
}
static Args get_command(const std::string& key) {
  return {"GET", key};
}

// Reconnects `conn` to `ep` if an earlier failure closed it; true when it is usable.
static asio::awaitable<bool> ensure_connected(Connection& conn, const Endpoint& ep,
                                              const ConnectOptions& options) {
  if (conn.is_open()) co_return true;
  CallResult r = co_await conn.connect(ep, options);
  co_return r.ok();
}

asio::awaitable<void> StaleReadsWorkload::run_pair(WorkloadContext& ctx, int pair, Endpoint master,
                                                   Endpoint replica) {
  Connection writer(ctx.executor), reader(ctx.executor);
  PairStats& stats = stats_[pair];
  std::string key = fmt::format("{}stale:{}", ctx.key_prefix, pair);
  int64_t writer_process = ctx.process_base + 2 * pair;
  int64_t reader_process = writer_process + 1;
  // Each pair starts a round at most every `gap`, so all pairs together stay under the rate.
  Nanos gap =
      options_.rate > 0 ? static_cast<Nanos>(2 * kSeconds * options_.pairs / options_.rate) : 0;
  asio::steady_timer pace(ctx.executor);
  Nanos next = mono_ns();
  for (int round = 1; round <= options_.rounds && !ctx.should_stop(); ++round) {
    if (gap > 0) {
      next += gap;
      Nanos wait = std::min(next, ctx.deadline) - mono_ns();
      if (wait > 0) {
        pace.expires_after(std::chrono::nanoseconds(wait));
        co_await pace.async_wait(asio::use_awaitable);
      }
      if (ctx.should_stop()) break;
    }
    if (!co_await ensure_connected(writer, master, ctx.connect)) {
      ++stats.errors;
      continue;
    }
    Op w = ctx.recorder->invoke(writer_process, "write", key, Value::of(round), master.to_string());
    CallResult wr = co_await writer.call(set_command(key, round), ctx.op_timeout);
    ctx.recorder->complete(std::move(w), wr, Value::of(round));
    if (!wr.ok()) {
      ++stats.errors;
      continue;
    }
    ++stats.writes_ok;
    if (!co_await ensure_connected(reader, replica, ctx.connect)) {
      ++stats.errors;
      continue;
    }
    Op r = ctx.recorder->invoke(reader_process, "read", key, Value::nil(), replica.to_string());
    CallResult rr = co_await reader.call(get_command(key), ctx.op_timeout);
    Value got = read_value(rr);
    ctx.recorder->complete(std::move(r), rr, got);
    if (!rr.ok()) {
      ++stats.errors;
      continue;
    }
    ++stats.reads;
    if (got != Value::of(round)) ++stats.stale;
  }
  counter_->client_ended();
}

void StaleReadsWorkload::start(WorkloadContext& ctx, std::function<void()> done) {
  auto masters = ctx.topology.with_role(Role::kMaster);
  auto replicas = ctx.topology.with_role(Role::kReplica);
  if (masters.empty() || replicas.empty()) {
    throw UsageError("the stale-reads workload needs a master and at least one replica");
  }
  stats_.assign(options_.pairs, {});
  counter_ = std::make_shared<ClientCounter>(options_.pairs, std::move(done));
  for (int i = 0; i < options_.pairs; ++i) {
    Endpoint replica = replicas[i % replicas.size()].endpoint;
    stats_[i].replica = replica.to_string();
    asio::co_spawn(ctx.executor, run_pair(ctx, i, masters.front().endpoint, replica),
                   asio::detached);
  }
}

nlohmann::json StaleReadsWorkload::options() const {
  return {{"clients", options_.pairs}, {"ops", options_.rounds}, {"rate", options_.rate}};
}

nlohmann::json StaleReadsWorkload::summary() const {
  nlohmann::json pairs = nlohmann::json::array();
  for (const auto& s : stats_) {
    pairs.push_back({{"replica", s.replica},
                     {"reads", s.reads},
                     {"stale_reads", s.stale},
                     {"errors", s.errors}});
  }
  return {{"options", options()}, {"pairs", pairs}};
}

std::string StaleReadsWorkload::report_text() const {
  std::string out;
  int reads = 0, stale = 0;
  for (size_t i = 0; i < stats_.size(); ++i) {
    const auto& s = stats_[i];
    reads += s.reads;
    stale += s.stale;
    double rate = s.reads ? 100.0 * s.stale / s.reads : 0.0;
    out += fmt::format("pair {:>3}  replica {}  reads {:>5}  stale {:>4}  ({:.1f}%){}\n", i + 1,
                       s.replica, s.reads, s.stale, rate,
                       s.errors ? fmt::format("  errors {}", s.errors) : "");
  }
  out += fmt::format("total     {} reads, {} stale ({:.2f}%)\n", reads, stale,
                     reads ? 100.0 * stale / reads : 0.0);
  return out;
}

}  // namespace rrt
