// The load engine: N clients drive the operations of a generator (load/generator.h) against
// Redis, as fast as the server answers or at a capped rate, recording every operation if asked.
// It is the one client loop of rrt: `rrt bench` and every scenario workload run on it.
//
// Shape: run() starts T threads, each running its own asio::io_context, and client i lives on
// thread i % T; run_here() runs every client on the calling coroutine's event loop instead (a
// scenario's workloads, which share the runner's loop). Each client is a coroutine owning its
// links (load/client_link.h): the one its operations go to by default (the master), and one to
// a replica, opened when its generator first routes an operation there. A client sends
// `pipeline` operations at a time in one write and waits for their replies (deadline: `timeout`
// per batch); with a Step's `then` (WAIT), the second command follows on the same connection.
// After an error it reconnects, sleeping a backoff between failed attempts; an operation that
// finds no connection fails with the connect error's kind ("connect-refused", ...), so a run goes
// on through a failover or a restart and shows when the server was gone. After a batch with a
// result that is not ok a client pauses `retry_delay` (0: not at all).
//
// Bounds: the run ends when `requests` operations were started, or `duration` has passed, or
// stop() is called, or every client's generator said it has no more operations, whichever comes
// first; a request count or a duration is required. A client finishes its
// batch in flight (bounded by `timeout`), so the run ends at most `timeout` after its bounds.
//
// History: with a HistoryWriter, each operation is recorded as an invoke and a completion, the
// node being the link's node() before the request and after its reply (who answered). The
// process is process_base + client_id * processes_per_client + slot + lane: with pipelining a
// client has `pipeline` operations in flight, and Jepsen's model allows one per process; a
// generator may also name a lane (stale-reads' writer and reader). Times are mono_ns() -
// time_origin.
//
// Use (workload/engine_run.h does this for a scenario's workloads):
//   LoadOptions o;  o.link = ...;  o.clients = 20;  o.duration = 30 * kSeconds;
//   o.rate = 5000;  o.time_origin = run_start;  o.process_base = ...;
//   LoadEngine engine(o, [&](int id) { return std::make_unique<MyGenerator>(id); }, &history);
//   std::thread t([&] { report = engine.run(); });  ...  engine.stop();  t.join();
// or, on an event loop:  LoadReport report = co_await engine.run_here();
#pragma once

#include <asio/awaitable.hpp>
#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "load/client_link.h"
#include "load/generator.h"
#include "load/load_report.h"
#include "resp/connection.h"

namespace rrt {

class HistoryWriter;

struct LoadOptions {
  Endpoint endpoint;
  ConnectOptions connect;  // its timeout bounds each connect attempt
  int clients = 50;
  int threads = 1;
  int pipeline = 1;
  uint64_t requests = 0;             // operations to start in all; 0: no count bound
  Nanos duration = 0;                // 0: no time bound
  double rate = 0;                   // cap on operations per second over all clients; 0: no cap
  Nanos timeout = 2 * kSeconds;      // deadline for each batch of `pipeline` operations
  Nanos backoff_min = 10 * kMillis;  // sleep after a failed connect, doubled up to backoff_max
  Nanos backoff_max = 500 * kMillis;
  Nanos retry_delay = 0;         // pause after a batch with a result that is not ok
  bool allow_remote = false;     // see load/target_guard.h: remote targets also need a rate
  Nanos time_origin = 0;         // history times are relative to this; 0: the run's start
  int64_t process_base = 0;      // history process ids start here
  int processes_per_client = 0;  // history processes per client; 0: `pipeline`
  // Where each client's requests go. Null: a FixedLink to `endpoint` with `connect` for every
  // route, after the target guard accepted it. A scenario passes links that follow the master
  // instead; it has vetted its target already.
  LinkFactory link;
  // Also stop when this becomes true (a scenario's Ctrl-C). May be null.
  const std::atomic<bool>* stop_signal = nullptr;

  // Throws UsageError for a bad count, no bound, or a target the guard refuses.
  void validate() const;
};

class LoadEngine {
 public:
  // `history` may be null; otherwise it must outlive run().
  LoadEngine(LoadOptions options, GeneratorFactory factory, HistoryWriter* history = nullptr);

  // Runs the load to its end on `threads` new threads and returns what was measured. Throws
  // UsageError (see LoadOptions::validate) before sending anything. Call once (run or run_here).
  LoadReport run();
  // As run(), but every client runs on the calling coroutine's executor (`threads` is ignored);
  // returns when the last client ended. The engine must outlive the coroutine.
  asio::awaitable<LoadReport> run_here();

  // Asks every client to stop after its batch in flight. Thread-safe; may come before run().
  void stop() { stopping_.store(true, std::memory_order_relaxed); }

  // Operations completed so far, for progress lines. Thread-safe.
  uint64_t completed() const {
    return progress_[0].load(std::memory_order_relaxed) +
           progress_[1].load(std::memory_order_relaxed) +
           progress_[2].load(std::memory_order_relaxed);
  }
  // The outcome counts so far (ok, fail, info; nothing else is filled in), for a live status
  // while the run goes on. Thread-safe; the report run() returns is the record.
  LoadReport progress() const;

 private:
  struct Setup;
  // Validates the options and makes the clients, client i on executors[i % size].
  std::unique_ptr<Setup> set_up(const std::vector<asio::any_io_executor>& executors);
  // Flushes the history buffers and sums the threads' reports.
  LoadReport tear_down(Setup* setup, Nanos start);

  LoadOptions options_;
  GeneratorFactory factory_;
  HistoryWriter* history_;
  std::atomic<bool> stopping_{false};
  std::atomic<uint64_t> progress_[3] = {0, 0, 0};  // completed ops by Outcome
};

}  // namespace rrt
