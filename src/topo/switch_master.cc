#include "topo/switch_master.h"

#include <sstream>

namespace rrt {

std::optional<SwitchMaster> parse_switch_master(std::string_view payload) {
  std::istringstream in{std::string(payload)};
  SwitchMaster m;
  if (!(in >> m.master_name >> m.old_master.host >> m.old_master.port >> m.new_master.host >>
        m.new_master.port)) {
    return std::nullopt;
  }
  return m;
}

}  // namespace rrt
