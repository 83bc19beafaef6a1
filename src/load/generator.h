// What a load client does next: the generator half of Jepsen's generator/client split.
//
// A generator decides each client's next operation; the engine's clients (load/load_engine.h)
// send it, time it, record it in the history, count it and reconnect after errors. Generators
// never touch a connection, so each one is tested on its own (tests/unit/load_generator_test.cc
// and the workload generators' tests). Implementations: KvGenerator (load/kv_generator.h, `rrt
// bench` and the scenario workload kv), and the scenario workloads' generators: counter, register,
// set, stale-reads (workload/*_workload.h).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "history/op.h"
#include "resp/outcome.h"

namespace rrt {

// Which of a client's links sends an operation: the one following the master, or the one to a
// replica (see load/client_link.h).
enum class Route : uint8_t { kMaster, kReplica };

// How the engine sends one operation, besides its request. The engine resets it to these
// defaults before each next().
struct Step {
  Route route = Route::kMaster;
  // Which of the client's history processes records the operation: process_base +
  // client_id * processes_per_client + lane (load/load_engine.h). With pipelining, slot i of a
  // batch adds i as well, so pipelined generators leave it 0.
  int lane = 0;
  // RESP of a command sent on the same connection after the operation's reply was ok, before
  // the operation is completed (e.g. WAIT 1 100); its result replaces the operation's. A result
  // of it that is not ok makes the operation `info`: the first command has taken effect. Empty:
  // nothing is sent. Only with pipeline 1.
  std::string then;
};

class Generator {
 public:
  virtual ~Generator() = default;

  // Appends the RESP encoding of the client's next operation to `out` (resp/command.h) and
  // describes it in `op` for the history: f, key and value (the argument; nil if none); the
  // engine sets every other field. `op` is reused from call to call, so assigning strings is
  // cheap. `step` says how to send it. Returns false when the client has no more operations:
  // the client ends (nothing of this call is sent).
  virtual bool next(std::string* out, Op* op, Step* step) = 0;

  // Called once for each operation next() gave, after it ended, in order (an operation left
  // unsent because the run ended is not completed, nor recorded): `result` is its result
  // (that of `then` if one was sent). Sets `op->value` to what the history shows on completion
  // (e.g. the value read; it holds the argument from next()). May turn an ok `result` into
  // `info` or `fail` when the reply does not confirm the operation (a WAIT short of replicas).
  virtual void complete(CallResult* result, Op* op) = 0;
};

// Makes the generator of client `client_id` (0 .. clients-1). Called before the client starts,
// on the thread that runs the engine; a generator is then used by its client's thread only.
using GeneratorFactory = std::function<std::unique_ptr<Generator>(int client_id)>;

}  // namespace rrt
