// What a load client sends: the one interface between the load engine and a workload.
//
// The engine owns connections, pacing, deadlines, reconnects, statistics and the history; a
// workload only says which operation comes next and what its reply means. Its one
// implementation is the SET/GET mix of load/kv_workload.h, used by `rrt bench` and by the
// scenario workload kv (workload/kv_load_workload.h); the other scenario workloads (counter,
// register, set, stale-reads) still run client loops of their own (workload/client_loop.h).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "history/op.h"
#include "resp/outcome.h"

namespace rrt {

class ClientWorkload {
 public:
  virtual ~ClientWorkload() = default;

  // Appends the RESP encoding of the next operation to `out` (see resp/command.h) and describes
  // it in `op` for the history: f, key, and value (the argument, nil if none). The engine sets
  // every other field. `op` is reused from call to call, so assigning strings is cheap.
  virtual void next(std::string* out, Op* op) = 0;

  // Called for each completed operation with its result; sets `op->value` to what the history
  // should show on completion (e.g. the value read; nil if nothing). Only called for `ok`
  // results; `op` holds what next() put there.
  virtual void complete(const CallResult& result, Op* op) = 0;
};

// Makes the workload of client `client_id` (0 .. clients-1). Called on the client's own thread
// before it starts; must be thread-safe if it touches shared state.
using WorkloadFactory = std::function<std::unique_ptr<ClientWorkload>(int client_id)>;

}  // namespace rrt
