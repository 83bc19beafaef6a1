// How `rrt run --target` reaches an existing deployment (docs/external-targets.md).
#pragma once

#include <string>

namespace rrt {

struct ExternalOptions {
  std::string url;            // --target; empty: run on a fresh local lab instead
  std::string user;           // ACL user (--user, else the URL's)
  std::string password;       // resolved (topo/credentials.h); never printed or written
  bool allow_faults = false;  // --allow-faults: the faults the wire allows (external_policy.h)
  double max_rate = 200;      // --max-rate: ops/s of all workloads together
};

}  // namespace rrt
