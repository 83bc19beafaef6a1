// Options every client workload shares (counter, register, set), read from a scenario.
#pragma once

#include <string>

#include "base/clock.h"
#include "base/option_reader.h"

namespace rrt {

struct ClientOptions {
  int clients = 10;                   // concurrent clients, each with its own connection
  int keys = 1;                       // keys the clients spread over
  double rate = 0;                    // ops/s for the whole workload; 0: as fast as the clients can
  int ops = 0;                        // ops per client; 0: until the run's duration ends
  std::string read_from = "master";   // master | replicas (register reads)
  Nanos retry_delay = 100 * kMillis;  // pause after an error before the next op
  // How long a client waits for a reply before it gives up (the op ends `info`) and looks for
  // the master again. Patient clients (a long timeout) stay on a paused master and resume with
  // it; 0: the run's default (1 s).
  Nanos timeout = 0;
  // Also move to the new master as soon as a sentinel announces +switch-master (as subscribing
  // clients do), not only after an error.
  bool follow_switch = false;
};

// Reads clients, keys, rate, ops, read_from (when `reads` is true), retry_delay and timeout,
// starting from `defaults`.
ClientOptions read_client_options(OptionReader& o, ClientOptions defaults, bool reads);

nlohmann::json to_json(const ClientOptions& options);
// "8 clients", "4 clients (timeout 10s)", "8 clients (following +switch-master)".
std::string describe_clients(const ClientOptions& options);

}  // namespace rrt
