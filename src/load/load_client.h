// One client of a load run (internal to the engine; see load/load_engine.h for the contract).
#pragma once

#include <asio/awaitable.hpp>
#include <asio/steady_timer.hpp>
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "history/history_writer.h"
#include "load/client_link.h"
#include "load/generator.h"
#include "load/load_engine.h"
#include "load/token_bucket.h"

namespace rrt {

// What every client of a run shares. Lives for the whole run.
struct RunState {
  const LoadOptions* options;
  const LinkFactory* links;
  TokenBucket* bucket = nullptr;  // null: no rate cap
  std::atomic<bool>* stopping;
  std::atomic<uint64_t>* progress;   // [3]: completed operations by Outcome
  std::atomic<uint64_t> started{0};  // operations claimed from the request budget
  Nanos deadline = 0;                // 0: no time bound
  Nanos origin = 0;                  // history time zero

  // Reserves up to `n` operations of the request budget; returns how many (0: it is spent).
  int claim(int n);
  // Gives back `n` claimed operations that were not started.
  void unclaim(int n);
  bool ending(Nanos now) const;
};

// One thread's share of a run: its clients count into `report` and record through `history`.
// Only that thread touches it while the run goes on.
struct ThreadState {
  LoadReport report;
  std::unique_ptr<HistoryWriter::Buffer> history;  // null: no recording
};

class LoadClient {
 public:
  LoadClient(int id, asio::any_io_executor executor, RunState* run, ThreadState* thread,
             std::unique_ptr<Generator> generator);

  // Sends batches until the run's bounds are reached or the generator has no more operations.
  asio::awaitable<void> run();

 private:
  // Asks the generator for the batch's operation `i`; false when it has no more.
  bool next(int i);
  // The link for `route`, made on first use.
  ClientLink& link(Route route);
  // One batch of up to `n` operations (claimed); false when the client is done.
  asio::awaitable<bool> send_batch(int n);
  // True if `link` is connected. Otherwise operation 0 of the batch fails with the connect
  // error, the client sleeps its backoff, and the result is false.
  asio::awaitable<bool> ensure_connected(ClientLink& link);
  // Sends the first `count` operations of the batch on `link` and completes them.
  asio::awaitable<void> exchange(ClientLink& link, int count);
  // Completes operation `i` with `result` at `time`: generator, counts, history.
  void complete(int i, CallResult* result, Nanos time, Nanos latency, const ClientLink& link);
  // Waits for `n` tokens of the rate cap; false if the run ends first.
  asio::awaitable<bool> pace(int n);
  // Sleeps until `until` (mono ns) in slices, so stop() is noticed; false if the run ended.
  asio::awaitable<bool> sleep_until(Nanos until);
  void record(Op* op, OpType type, Nanos time, const std::string& error);

  int id_;
  asio::any_io_executor executor_;
  RunState* run_;
  ThreadState* thread_;
  std::unique_ptr<Generator> generator_;
  std::unique_ptr<ClientLink> links_[2];  // by Route
  asio::steady_timer timer_;
  int64_t first_process_;
  bool finished_ = false;  // the generator has no more operations
  Nanos backoff_ = 0;
  std::string encoded_;              // the batch's requests, reused
  std::vector<Op> ops_;              // the batch's operations, one per pipeline slot, reused
  std::vector<Step> steps_;          // how to send them
  std::vector<CallResult> results_;  // their results, reused
  std::vector<CallResult> then_result_;
};

}  // namespace rrt
