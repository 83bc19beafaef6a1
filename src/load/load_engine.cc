#include "load/load_engine.h"

#include <asio/co_spawn.hpp>
#include <asio/io_context.hpp>
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

LoadEngine::LoadEngine(LoadOptions options, WorkloadFactory factory, HistoryWriter* history)
    : options_(std::move(options)), factory_(std::move(factory)), history_(history) {}

LoadReport LoadEngine::run() {
  options_.validate();
  int threads = std::min(options_.threads, options_.clients);
  // A burst of one batch: enough for every client to send whole pipelines, small enough that
  // the cap holds over short windows.
  std::unique_ptr<TokenBucket> bucket;
  if (options_.rate > 0) bucket = std::make_unique<TokenBucket>(options_.rate, options_.pipeline);

  RunState run;
  run.options = &options_;
  run.bucket = bucket.get();
  run.stopping = &stopping_;
  run.completed = &completed_;

  std::vector<std::unique_ptr<asio::io_context>> loops;
  std::vector<ThreadState> states(threads);
  for (int t = 0; t < threads; ++t) {
    loops.push_back(std::make_unique<asio::io_context>(1));
    if (history_) states[t].history = std::make_unique<RecordBuffer>(history_);
  }
  std::vector<std::unique_ptr<LoadClient>> clients;
  for (int id = 0; id < options_.clients; ++id) {
    int t = id % threads;
    asio::any_io_executor executor = loops[t]->get_executor();
    std::unique_ptr<ClientLink> link =
        options_.link ? options_.link(id, executor)
                      : std::make_unique<FixedLink>(executor, options_.endpoint, options_.connect);
    clients.push_back(std::make_unique<LoadClient>(id, executor, &run, &states[t], factory_(id),
                                                   std::move(link)));
  }

  Nanos start = mono_ns();
  run.deadline = options_.duration > 0 ? start + options_.duration : 0;
  run.origin = options_.time_origin ? options_.time_origin : start;
  std::vector<std::exception_ptr> errors(threads);
  for (int id = 0; id < options_.clients; ++id) {
    int t = id % threads;
    asio::co_spawn(*loops[t], clients[id]->run(), [&errors, t](std::exception_ptr e) {
      if (e && !errors[t]) errors[t] = e;
    });
  }
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) workers.emplace_back([&loops, t] { loops[t]->run(); });
  for (auto& w : workers) w.join();

  LoadReport total;
  for (auto& state : states) {
    state.history.reset();  // flushes what the thread recorded
    total.merge(state.report);
  }
  total.elapsed = mono_ns() - start;
  for (auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
  return total;
}

}  // namespace rrt
