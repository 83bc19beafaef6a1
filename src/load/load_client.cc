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
  const std::atomic<bool>* signal = options->stop_signal;
  return stopping->load(std::memory_order_relaxed) || (deadline && now >= deadline) ||
         (signal && signal->load(std::memory_order_relaxed));
}

LoadClient::LoadClient(int id, asio::any_io_executor executor, RunState* run, ThreadState* thread,
                       std::unique_ptr<ClientWorkload> workload, std::unique_ptr<ClientLink> link)
    : id_(id),
      run_(run),
      thread_(thread),
      workload_(std::move(workload)),
      link_(std::move(link)),
      timer_(executor),
      ops_(run->options->pipeline) {
  int pipeline = run->options->pipeline;
  int64_t first = run->options->process_base + static_cast<int64_t>(id) * pipeline;
  for (int slot = 0; slot < pipeline; ++slot) ops_[slot].process = first + slot;
  unconnected_op_.process = first;
  results_.reserve(pipeline);
}

void LoadClient::note_node() {
  if (node_ == link_->node()) return;
  node_ = link_->node();
  for (Op& op : ops_) op.node = node_;
}

asio::awaitable<void> LoadClient::run() {
  while (!run_->ending(mono_ns())) {
    if (!co_await ensure_connected()) continue;
    int n = run_->claim(run_->options->pipeline);
    if (n == 0) break;
    if (!co_await pace(n)) break;
    co_await send_batch(n);
  }
  link_->close();
}

asio::awaitable<bool> LoadClient::ensure_connected() {
  if (link_->is_open()) co_return true;
  const LoadOptions& options = *run_->options;
  CallResult r = co_await link_->ensure();
  if (r.ok()) {
    ++thread_->report.connects;
    backoff_ = 0;
    note_node();
    co_return true;
  }
  if (run_->claim(1) == 1) {
    encoded_.clear();
    workload_->next(&encoded_, &unconnected_op_);
    unconnected_op_.node = link_->node();
    Nanos now = mono_ns();
    record(&unconnected_op_, OpType::kInvoke, now, {});
    record(&unconnected_op_, op_type(r.outcome), now, r.error);
    thread_->report.count(r, 0);
    run_->completed->fetch_add(1, std::memory_order_relaxed);
    if (OpTally* tally = options.tally) tally->add(r.outcome);
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
  co_await link_->pipeline(encoded_, n, run_->options->timeout, &results_);
  Nanos end = mono_ns();
  uint64_t ok = 0, fail = 0;
  for (int i = 0; i < n; ++i) {
    const CallResult& result = results_[i];
    thread_->report.count(result, end - start);
    if (result.ok()) {
      ++ok;
      workload_->complete(result, &ops_[i]);
    }
    fail += result.outcome == Outcome::kFail;
    record(&ops_[i], op_type(result.outcome), end, result.error);
  }
  run_->completed->fetch_add(n, std::memory_order_relaxed);
  if (OpTally* tally = run_->options->tally) {  // once per batch: the atomics are shared
    tally->add(Outcome::kOk, ok);
    if (fail) tally->add(Outcome::kFail, fail);
    if (n - ok - fail) tally->add(Outcome::kInfo, n - ok - fail);
  }
}

}  // namespace rrt
