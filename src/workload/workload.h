// Workloads: groups of clients that drive operations against the system under test and record
// each one in the history (invoke, then ok / fail / info).
//
// A workload is a generator (load/generator.h) and the options of the load engine that runs it:
// the engine's clients (workload/engine_run.h) send, time, record and count every operation, on
// the runner's event loop (kv: on threads of its own). A workload never injects faults and never
// judges its own history: the checks it names do that (src/check).
#pragma once

#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <atomic>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "history/history_writer.h"
#include "load/load_report.h"
#include "resp/connection.h"
#include "topo/topology.h"

namespace rrt {

struct WorkloadContext {
  asio::any_io_executor executor;
  Topology topology;       // the nodes as they were at the start
  ConnectOptions connect;  // AUTH and the connect deadline
  // The history file; the engine's clients record into it through buffers of their own.
  HistoryWriter* history = nullptr;
  Nanos t0 = 0;        // mono_ns of the run's start: history times are relative to it
  Nanos deadline = 0;  // mono_ns after which no client starts another operation
  const std::atomic<bool>* stop = nullptr;  // set on Ctrl-C: clients end at once
  Nanos op_timeout = kSeconds;              // deadline of every request
  std::string key_prefix = "rrt:";          // every key a workload touches starts with this
  // History process ids of this workload's clients start here; the runner gives each workload
  // its own range (kProcessesPerWorkload wide), so checks can be run per workload.
  int64_t process_base = 0;
  // Connect options per client host (netns client hosts open their sockets inside the host's
  // namespace): client i of a workload connects with client_connect[i % size], so clients are
  // spread round-robin over the hosts. Empty: every client uses `connect`.
  std::vector<ConnectOptions> client_connect;

  bool should_stop() const { return stop->load() || mono_ns() >= deadline; }
  const ConnectOptions& connect_for(int client) const {
    return client_connect.empty() ? connect : client_connect[client % client_connect.size()];
  }
};

constexpr int64_t kProcessesPerWorkload = 100000;

class Workload {
 public:
  virtual ~Workload() = default;

  virtual std::string name() const = 0;
  // Launches the clients on ctx.executor and returns. `done` is called once, on the executor,
  // when the last client has ended. `ctx` outlives the clients.
  virtual void start(WorkloadContext& ctx, std::function<void()> done) = 0;
  // Runs after every client ended and every fault was healed, e.g. the final read of a set.
  virtual asio::awaitable<void> finish(WorkloadContext& ctx);
  // The checks this workload's history supports, e.g. {"stale-reads"}.
  virtual std::vector<std::string> checks() const = 0;
  // The options in force, every default filled in (scenario.json's "effective_options" and the
  // "options" of summary()).
  virtual nlohmann::json options() const = 0;
  // What the workload saw, for the terminal and results.json (e.g. per-pair counts).
  virtual nlohmann::json summary() const { return nlohmann::json::object(); }
  // Operations completed so far by outcome (ok, fail, info), for the live status. Thread-safe:
  // called from the status thread while the clients run.
  virtual LoadReport progress() const = 0;
  // Lines for the terminal after the run; may be empty.
  virtual std::string report_text() const { return ""; }
};

// Creates a workload by kind (one of workload_kinds()) from its scenario options. Throws UsageError
// for an unknown kind (listing the known ones) and OptionError (a UsageError naming the option) for
// a bad or unknown option.
std::unique_ptr<Workload> make_workload(const std::string& kind, const nlohmann::json& options);

struct WorkloadKind {
  const char* kind;
  const char* what;  // one line for help texts
};
const std::vector<WorkloadKind>& workload_kinds();

}  // namespace rrt
