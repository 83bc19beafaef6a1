#include "load/load_client.h"

#include <algorithm>
#include <asio/redirect_error.hpp>
#include <asio/use_awaitable.hpp>

namespace rrt {

namespace {

// The history's completion type for a call's outcome.
OpType op_type(Outcome outcome) {
  switch (outcome) {
    case Outcome::kOk:
      return OpType::kOk;
    case Outcome::kFail:
      return OpType::kFail;
    case Outcome::kInfo:
      break;
  }
  return OpType::kInfo;
}

}  // namespace

int RunState::claim(int n) {
  if (options->requests == 0) return n;
  uint64_t before = started.fetch_add(n, std::memory_order_relaxed);
  if (before >= options->requests) return 0;
  return static_cast<int>(std::min<uint64_t>(n, options->requests - before));
}

void RunState::unclaim(int n) {
  if (options->requests != 0 && n > 0) started.fetch_sub(n, std::memory_order_relaxed);
}

bool RunState::ending(Nanos now) const {
  const std::atomic<bool>* signal = options->stop_signal;
  return stopping->load(std::memory_order_relaxed) || (deadline && now >= deadline) ||
         (signal && signal->load(std::memory_order_relaxed));
}

LoadClient::LoadClient(int id, asio::any_io_executor executor, RunState* run, ThreadState* thread,
                       std::unique_ptr<Generator> generator)
    : id_(id),
      executor_(executor),
      run_(run),
      thread_(thread),
      generator_(std::move(generator)),
      timer_(executor),
      ops_(run->options->pipeline),
      steps_(run->options->pipeline) {
  const LoadOptions& o = *run->options;
  int per_client = o.processes_per_client > 0 ? o.processes_per_client : o.pipeline;
  first_process_ = o.process_base + static_cast<int64_t>(id) * per_client;
  results_.reserve(o.pipeline);
}

ClientLink& LoadClient::link(Route route) {
  std::unique_ptr<ClientLink>& link = links_[static_cast<int>(route)];
  if (!link) link = (*run_->links)(id_, route, executor_);
  return *link;
}

asio::awaitable<void> LoadClient::run() {
  while (!finished_ && !run_->ending(mono_ns())) {
    int n = run_->claim(run_->options->pipeline);
    if (n == 0) break;
    if (!co_await send_batch(n)) break;
  }
  for (auto& link : links_) {
    if (link) link->close();
  }
}

bool LoadClient::next(int i) {
  Step& step = steps_[i];
  step.route = Route::kMaster;
  step.lane = 0;
  step.then.clear();
  if (!generator_->next(&encoded_, &ops_[i], &step)) {
    finished_ = true;
    return false;
  }
  ops_[i].process = first_process_ + i + step.lane;
  return true;
}

asio::awaitable<bool> LoadClient::send_batch(int n) {
  encoded_.clear();
  if (!next(0)) {
    run_->unclaim(n);
    co_return false;
  }
  ClientLink& to = link(steps_[0].route);
  if (!co_await ensure_connected(to)) {
    run_->unclaim(n - 1);
    co_return !finished_;
  }
  if (!co_await pace(n)) co_return false;
  int count = 1;
  while (count < n && next(count)) ++count;  // a batch goes where its first operation goes
  run_->unclaim(n - count);
  co_await exchange(to, count);
  co_return !finished_;
}

asio::awaitable<bool> LoadClient::ensure_connected(ClientLink& to) {
  if (to.is_open()) co_return true;
  const LoadOptions& options = *run_->options;
  CallResult r = co_await to.ensure();
  if (r.ok()) {
    ++thread_->report.connects;
    backoff_ = 0;
    co_return true;
  }
  r.outcome = Outcome::kFail;  // nothing was sent: it certainly did not happen
  to.route(ops_[0].key);
  ops_[0].node = to.node();
  Nanos now = mono_ns();
  record(&ops_[0], OpType::kInvoke, now, {});
  complete(0, &r, now, 0, to);
  run_->progress[static_cast<int>(r.outcome)].fetch_add(1, std::memory_order_relaxed);
  backoff_ = std::clamp(backoff_ * 2, options.backoff_min, options.backoff_max);
  co_await sleep_until(mono_ns() + backoff_);
  co_return false;
}

asio::awaitable<void> LoadClient::exchange(ClientLink& to, int count) {
  const LoadOptions& options = *run_->options;
  to.route(ops_[0].key);
  Nanos start = mono_ns();
  for (int i = 0; i < count; ++i) {
    if (ops_[i].node != to.node()) ops_[i].node = to.node();
    record(&ops_[i], OpType::kInvoke, start, {});
  }
  co_await to.pipeline(encoded_, count, options.timeout, &results_);
  if (count == 1 && !steps_[0].then.empty() && results_[0].ok()) {
    co_await to.pipeline(steps_[0].then, 1, options.timeout, &then_result_);
    results_[0] = std::move(then_result_[0]);
    if (!results_[0].ok()) results_[0].outcome = Outcome::kInfo;  // the first command happened
  }
  Nanos end = mono_ns();
  bool all_ok = true;
  uint64_t by_outcome[3] = {0, 0, 0};
  for (int i = 0; i < count; ++i) {
    complete(i, &results_[i], end, end - start, to);
    all_ok = all_ok && results_[i].ok();
    ++by_outcome[static_cast<int>(results_[i].outcome)];
  }
  for (int k = 0; k < 3; ++k) {  // once per batch: the atomics are shared by the threads
    if (by_outcome[k]) run_->progress[k].fetch_add(by_outcome[k], std::memory_order_relaxed);
  }
  if (!all_ok && options.retry_delay > 0) co_await sleep_until(mono_ns() + options.retry_delay);
}

void LoadClient::complete(int i, CallResult* result, Nanos time, Nanos latency,
                          const ClientLink& link) {
  Op& op = ops_[i];
  generator_->complete(result, &op);
  thread_->report.count(*result, latency);
  if (op.node != link.node()) op.node = link.node();  // who answered, after any redirect
  record(&op, op_type(result->outcome), time, result->error);
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

}  // namespace rrt
