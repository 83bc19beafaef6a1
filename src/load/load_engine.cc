#include "load/load_engine.h"

#include <asio/co_spawn.hpp>
#include <asio/io_context.hpp>
#include <asio/redirect_error.hpp>
#include <asio/steady_timer.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>
#include <exception>
#include <thread>

#include "base/errors.h"
#include "load/fixed_link.h"
#include "load/load_client.h"
#include "load/target_guard.h"

namespace rrt {

void LoadOptions::validate() const {
  if (clients < 1) throw UsageError("--clients: expected at least 1");
  if (threads < 1) throw UsageError("--threads: expected at least 1");
  if (pipeline < 1 || pipeline > 100'000) throw UsageError("--pipeline: expected 1 .. 100000");
  if (requests == 0 && duration <= 0) {
    throw UsageError("load needs a bound: a request count or a duration");
  }
  if (rate < 0) throw UsageError("--rate: expected ops/s >= 0 (0: no cap)");
  if (timeout <= 0) throw UsageError("request timeout must be positive");
  if (!link) check_load_target(endpoint, allow_remote, rate);
}

// What one run() or run_here() sets up: the shared state, one ThreadState per thread, and the
// clients (client i on thread i % threads).
struct LoadEngine::Setup {
  std::unique_ptr<TokenBucket> bucket;
  LinkFactory links;
  RunState run;
  std::vector<ThreadState> states;
  std::vector<std::unique_ptr<LoadClient>> clients;
};

std::unique_ptr<LoadEngine::Setup> LoadEngine::set_up(
    const std::vector<asio::any_io_executor>& executors) {
  options_.validate();
  auto s = std::make_unique<Setup>();
  int threads = static_cast<int>(executors.size());
  // A burst of one batch: enough for every client to send whole pipelines, small enough that
  // the cap holds over short windows.
  if (options_.rate > 0) {
    s->bucket = std::make_unique<TokenBucket>(options_.rate, options_.pipeline);
  }
  s->links = options_.link;
  if (!s->links) {
    s->links = [endpoint = options_.endpoint, connect = options_.connect](
                   int, Route, asio::any_io_executor executor) -> std::unique_ptr<ClientLink> {
      return std::make_unique<FixedLink>(executor, endpoint, connect);
    };
  }
  s->run.options = &options_;
  s->run.links = &s->links;
  s->run.bucket = s->bucket.get();
  s->run.stopping = &stopping_;
  s->run.progress = progress_;
  s->states.resize(threads);
  for (auto& state : s->states) {
    if (history_) state.history = std::make_unique<HistoryWriter::Buffer>(history_);
  }
  for (int id = 0; id < options_.clients; ++id) {
    int t = id % threads;
    s->clients.push_back(
        std::make_unique<LoadClient>(id, executors[t], &s->run, &s->states[t], factory_(id)));
  }
  Nanos start = mono_ns();
  s->run.deadline = options_.duration > 0 ? start + options_.duration : 0;
  s->run.origin = options_.time_origin ? options_.time_origin : start;
  return s;
}

LoadReport LoadEngine::tear_down(Setup* s, Nanos start) {
  LoadReport total;
  for (auto& state : s->states) {
    state.history.reset();  // flushes what the thread recorded
    total.merge(state.report);
  }
  total.elapsed = mono_ns() - start;
  return total;
}

LoadEngine::LoadEngine(LoadOptions options, GeneratorFactory factory, HistoryWriter* history)
    : options_(std::move(options)), factory_(std::move(factory)), history_(history) {}

LoadReport LoadEngine::run() {
  int threads = std::min(options_.threads, options_.clients);
  std::vector<std::unique_ptr<asio::io_context>> loops;
  std::vector<asio::any_io_executor> executors;
  for (int t = 0; t < threads; ++t) {
    loops.push_back(std::make_unique<asio::io_context>(1));
    executors.push_back(loops.back()->get_executor());
  }
  std::unique_ptr<Setup> s = set_up(executors);
  Nanos start = mono_ns();
  std::vector<std::exception_ptr> errors(threads);
  for (int id = 0; id < options_.clients; ++id) {
    int t = id % threads;
    asio::co_spawn(*loops[t], s->clients[id]->run(), [&errors, t](std::exception_ptr e) {
      if (e && !errors[t]) errors[t] = e;
    });
  }
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) workers.emplace_back([&loops, t] { loops[t]->run(); });
  for (auto& w : workers) w.join();
  LoadReport total = tear_down(s.get(), start);
  for (auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
  return total;
}

asio::awaitable<LoadReport> LoadEngine::run_here() {
  asio::any_io_executor executor = co_await asio::this_coro::executor;
  std::unique_ptr<Setup> s = set_up({executor});
  Nanos start = mono_ns();
  asio::steady_timer all_ended(executor, asio::steady_timer::time_point::max());
  int left = options_.clients;
  std::exception_ptr error;
  for (auto& client : s->clients) {
    asio::co_spawn(executor, client->run(), [&](std::exception_ptr e) {
      if (e && !error) error = e;
      if (--left == 0) all_ended.cancel();
    });
  }
  while (left > 0) {  // one thread: the last client cannot end between the test and the wait
    std::error_code ignored;
    co_await all_ended.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
  }
  LoadReport total = tear_down(s.get(), start);
  if (error) std::rethrow_exception(error);
  co_return total;
}

LoadReport LoadEngine::progress() const {
  LoadReport r;
  r.ok = progress_[0].load(std::memory_order_relaxed);
  r.fail = progress_[1].load(std::memory_order_relaxed);
  r.info = progress_[2].load(std::memory_order_relaxed);
  return r;
}

}  // namespace rrt
