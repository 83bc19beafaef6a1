// One client of a load run (internal to the engine; see load/load_engine.h for the contract).
#pragma once

#include <asio/awaitable.hpp>
#include <asio/steady_timer.hpp>
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "load/client_link.h"
#include "load/client_workload.h"
#include "load/history_lines.h"
#include "load/load_engine.h"
#include "load/token_bucket.h"

namespace rrt {

// What every client of a run shares. Lives for the whole run.
struct RunState {
  const LoadOptions* options;
  TokenBucket* bucket = nullptr;  // null: no rate cap
  std::atomic<bool>* stopping;
  std::atomic<uint64_t>* completed;
  std::atomic<uint64_t> started{0};  // operations claimed from the request budget
  Nanos deadline = 0;                // 0: no time bound
  Nanos origin = 0;                  // history time zero

  // Reserves up to `n` operations of the request budget; returns how many (0: it is spent).
  int claim(int n);
  bool ending(Nanos now) const;
};

// One thread's share of a run: its clients count into `report` and record through `history`.
// Only that thread touches it while the run goes on.
struct ThreadState {
  LoadReport report;
  std::unique_ptr<RecordBuffer> history;  // null: no recording
};

class LoadClient {
 public:
  LoadClient(int id, asio::any_io_executor executor, RunState* run, ThreadState* thread,
             std::unique_ptr<ClientWorkload> workload, std::unique_ptr<ClientLink> link);

  // Sends batches until the run's bounds are reached.
  asio::awaitable<void> run();

 private:
  // True if connected. Otherwise one operation is counted as failed with the connect error, the
  // client sleeps its backoff, and the result is false.
  asio::awaitable<bool> ensure_connected();
  // Waits for `n` tokens of the rate cap; false if the run ends first.
  asio::awaitable<bool> pace(int n);
  asio::awaitable<void> send_batch(int n);
  // Sleeps until `until` (mono ns) in slices, so stop() is noticed; false if the run ended.
  asio::awaitable<bool> sleep_until(Nanos until);
  void record(Op* op, OpType type, Nanos time, const std::string& error);
  // Points the batch's operations at the link's node if it changed (after a reconnect).
  void note_node();

  int id_;
  RunState* run_;
  ThreadState* thread_;
  std::unique_ptr<ClientWorkload> workload_;
  std::unique_ptr<ClientLink> link_;
  asio::steady_timer timer_;
  Nanos backoff_ = 0;
  std::string encoded_;              // the batch's requests, reused
  std::vector<Op> ops_;              // the batch's operations, one per pipeline slot, reused
  std::vector<CallResult> results_;  // their results, reused
  Op unconnected_op_;                // an operation that found no connection
  std::string node_;                 // the node ops_ name
};

}  // namespace rrt
