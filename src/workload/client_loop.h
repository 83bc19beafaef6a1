// The loop every client of the counter, register and set workloads runs: pace, make sure the
// connection points at the target role, invoke, call, complete, back off after errors.
#pragma once

#include <asio/awaitable.hpp>
#include <functional>
#include <map>
#include <string>

#include "workload/client_options.h"
#include "workload/switch_watcher.h"
#include "workload/target_client.h"
#include "workload/workload.h"

namespace rrt {

// What one workload's clients saw, by outcome and error kind.
struct OpStats {
  int64_t ok = 0, fail = 0, info = 0;
  std::map<std::string, int64_t> errors;  // error kind -> count
  Nanos first = 0, last = 0;              // mono_ns of the first and last completion

  void add(const CallResult& r);
  nlohmann::json to_json() const;
  // "1234 ok, 12 fail, 3 info (connect-refused 10, READONLY 2, timeout 3), 410 ops/s".
  std::string text() const;
};

// One operation as a client performs it: f, key and argument for the history, the command to
// send, and how to read the reply into the value recorded on completion.
struct ClientOp {
  std::string f;
  std::string key;
  Value argument;
  Args command;
  bool to_replica = false;
  std::function<Value(const CallResult&)> result;  // null: record `argument` again
  // Sent on the same connection after `command` succeeded (e.g. WAIT 1 100), before the op is
  // completed. Its result, passed through `confirm` when set, becomes the op's result; any
  // non-ok result becomes `info`, since `command` has taken effect. Empty: nothing sent.
  Args then;
  std::function<CallResult(const CallResult&)> confirm;
};

// Runs client `index` (history process `process`) until the run ends or `ops` are done:
// next(seq) gives its seq-th operation. Recorded in ctx.recorder; counted in `stats`. With
// `switches` (non-null), it reconnects whenever a new master is announced.
asio::awaitable<void> run_client(WorkloadContext& ctx, ClientOptions options, int index,
                                 int64_t process, std::function<ClientOp(int64_t seq)> next,
                                 OpStats& stats, const SwitchWatcher* switches);

// Starts options.clients clients on ctx.executor (client i runs the ops of make_next(i), as
// history process ctx.process_base + i) and returns; `done` runs after the last one ended.
// `switches` is started first when options.follow_switch is set, and stopped at the end; it
// and `stats` must outlive the clients.
void start_clients(WorkloadContext& ctx, const ClientOptions& options,
                   const std::function<std::function<ClientOp(int64_t)>(int)>& make_next,
                   OpStats& stats, SwitchWatcher& switches, std::function<void()> done);

// Performs `op` on the current master until it is ok or `timeout` passes, recording every
// attempt (used for final reads after the faults healed). Returns the last result.
asio::awaitable<CallResult> run_until_ok(WorkloadContext& ctx, int64_t process, ClientOp op,
                                         Nanos timeout);

}  // namespace rrt
