// Sentinel's +switch-master message, parsed in one place.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "resp/url.h"

namespace rrt {

struct SwitchMaster {
  std::string master_name;
  Endpoint old_master;
  Endpoint new_master;
};

// The payload "<master-name> <old-ip> <old-port> <new-ip> <new-port>"; nothing if it has fewer
// fields or a port is not a number.
std::optional<SwitchMaster> parse_switch_master(std::string_view payload);

}  // namespace rrt
