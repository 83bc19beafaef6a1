#include "load/load_client.h"

#include <algorithm>

#include <asio/redirect_error.hpp>
#include <asio/use_awaitable.hpp>

namespace rrt {

int RunState::claim(int n) {
  if (options->requests == 0) return n;
  uint64_t before = started.fetch_add(n, std::memory_order_relaxed);
  if (before >= options->requests) return 0;
  return static_cast<int>(std::min<uint64_t>(n, options->requests - before));
}

bool RunState::ending(Nanos now) const {
  return stopping->load(std::memory_order_relaxed) || (deadline && now >= deadline);
}

LoadClient::LoadClient(int id, asio::any_io_executor executor, RunState* run, ThreadState* thread,
                       std::unique_ptr<ClientWorkload> workload)
    : id_(id),
      run_(run),
      thread_(thread),
      workload_(std::move(workload)),
      conn_(executor),
      timer_(executor),
      ops_(run->options->pipeline) {
  int pipeline = run->options->pipeline;
  for (int slot = 0; slot < pipeline; ++slot) {
    ops_[slot].process = static_cast<int64_t>(id) * pipeline + slot;
    ops_[slot].node = run->node;
  }
  unconnected_op_.process = static_cast<int64_t>(id) * pipeline;
  results_.reserve(pipeline);
}

asio::awaitable<void> LoadClient::run() {
  while (!run_->ending(mono_ns())) {
    if (!co_await ensure_connected()) continue;
    int n = run_->claim(run_->options->pipeline);
    if (n == 0) break;
    if (!co_await pace(n)) break;
    co_await send_batch(n);
  }
  conn_.close();
}

asio::awaitable<bool> LoadClient::ensure_connected() {
  if (conn_.is_open()) co_return true;
  const LoadOptions& options = *run_->options;
  CallResult r = co_await conn_.connect(options.endpoint, options.connect);
  if (r.ok()) {
    ++thread_->report.connects;
    backoff_ = 0;
    co_return true;
  }
  if (run_->claim(1) == 1) {
    encoded_.clear();
    workload_->next(&encoded_, &unconnected_op_);
    Nanos now = mono_ns();
    record(&unconnected_op_, OpType::kInvoke, now, {});
    record(&unconnected_op_, r.outcome, now, r.error);
    thread_->report.count(r, 0);
    run_->completed->fetch_add(1, std::memory_order_relaxed);
  }
  backoff_ = std::clamp(backoff_ * 2, options.backoff_min, options.backoff_max);
  co_await sleep_until(mono_ns() + backoff_);
  co_return false;
}

asio::awaitable<bool> LoadClient::pace(int n) {
  if (!run_->bucket) co_return true;
  Nanos now = mono_ns();
  Nanos at = run_->bucket->acquire(n, now);
  if (at <= now) co_return true;
  if (run_->deadline && at >= run_->deadline) co_return false;
  co_return co_await sleep_until(at);
}

asio::awaitable<bool> LoadClient::sleep_until(Nanos until) {
  constexpr Nanos kSlice = 100 * kMillis;  // how late a sleeping client notices stop()
  for (Nanos now = mono_ns(); now < until; now = mono_ns()) {
    if (run_->ending(now)) co_return false;
    timer_.expires_after(std::chrono::nanoseconds(std::min(until - now, kSlice)));
    std::error_code ignored;
    co_await timer_.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
  }
  co_return !run_->ending(mono_ns());
}

void LoadClient::record(Op* op, OpType type, Nanos time, const std::string& error) {
  if (!thread_->history) return;
  op->type = type;
  op->time = time - run_->origin;
  op->error = error;
  thread_->history->record(*op);
}

asio::awaitable<void> LoadClient::send_batch(int n) {
  encoded_.clear();
  for (int i = 0; i < n; ++i) workload_->next(&encoded_, &ops_[i]);
  Nanos start = mono_ns();
  for (int i = 0; i < n; ++i) record(&ops_[i], OpType::kInvoke, start, {});
  co_await conn_.pipeline(encoded_, n, run_->options->timeout, &results_);
  Nanos end = mono_ns();
  for (int i = 0; i < n; ++i) {
    const CallResult& result = results_[i];
    thread_->report.count(result, end - start);
    if (result.ok()) workload_->complete(result, &ops_[i]);
    record(&ops_[i], result.outcome, end, result.error);
  }
  run_->completed->fetch_add(n, std::memory_order_relaxed);
}

}  // namespace rrt
