// The load engine: N clients over T threads drive a workload against one Redis endpoint, as fast
// as the server answers or at a capped rate, recording every operation if asked.
//
// Shape: T threads, each running its own asio::io_context; client i lives on thread i % T as a
// coroutine owning one Connection. A client sends `pipeline` operations at a time in one write
// and waits for their replies (deadline: `timeout` per batch). After an error it reconnects,
// sleeping a backoff between failed attempts; an operation that finds no connection fails with
// the connect error's kind ("connect-refused", ...), so a run goes on through a failover or a
// restart and shows when the server was gone.
//
// Bounds: the run ends when `requests` operations were started, or `duration` has passed, or
// stop() is called, whichever comes first; at least one bound is required. A client finishes its
// batch in flight (bounded by `timeout`), so the run ends at most `timeout` after its bounds.
//
// History: with a HistoryWriter, each operation is recorded as an invoke and a completion. The
// process is process_base + client_id * pipeline + slot: with pipelining a client has `pipeline`
// operations in flight, and Jepsen's model allows one per process. Times are mono_ns() -
// time_origin.
//
// Use from a scenario (workload/kv_load_workload.cc does this):
//   LoadOptions o;  o.link = ...;  o.clients = 20;  o.duration = 30 * kSeconds;
//   o.rate = 5000;  o.time_origin = run_start;  o.process_base = ...;
//   LoadEngine engine(o, [&](int id) { return std::make_unique<MyWorkload>(id); }, &history);
//   std::thread t([&] { report = engine.run(); });  ...  engine.stop();  t.join();
#pragma once

#include <atomic>
#include <cstdint>

#include "load/client_link.h"
#include "load/client_workload.h"
#include "load/load_report.h"
#include "load/recorder.h"
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
  bool allow_remote = false;  // see load/target_guard.h: remote targets also need a rate
  Nanos time_origin = 0;      // history times are relative to this; 0: the run's start
  int64_t process_base = 0;   // history process ids start here
  // Where each client's requests go. Null: a FixedLink to `endpoint` with `connect`, after the
  // target guard accepted it. A scenario passes links that follow the master instead; it has
  // vetted its target already.
  LinkFactory link;
  // Completed operations are also counted here, per batch (a scenario's live status). May be null.
  OpTally* tally = nullptr;
  // Also stop when this becomes true (a scenario's Ctrl-C). May be null.
  const std::atomic<bool>* stop_signal = nullptr;

  // Throws UsageError for a bad count, no bound, or a target the guard refuses.
  void validate() const;
};

class LoadEngine {
 public:
  // `history` may be null; otherwise it must outlive run().
  LoadEngine(LoadOptions options, WorkloadFactory factory, HistoryWriter* history = nullptr);

  // Runs the load to its end on `threads` new threads and returns what was measured. Throws
  // UsageError (see LoadOptions::validate) before sending anything. Call once.
  LoadReport run();

  // Asks every client to stop after its batch in flight. Thread-safe; may come before run().
  void stop() { stopping_.store(true, std::memory_order_relaxed); }

  // Operations completed so far, for progress lines. Thread-safe.
  uint64_t completed() const { return completed_.load(std::memory_order_relaxed); }

 private:
  LoadOptions options_;
  WorkloadFactory factory_;
  HistoryWriter* history_;
  std::atomic<bool> stopping_{false};
  std::atomic<uint64_t> completed_{0};
};

}  // namespace rrt
