#include "system/run_prefix.h"

#include <fmt/format.h>

#include <regex>

namespace rrt {

std::string make_run_prefix(long long wall_ms, int pid) {
  return fmt::format("rrt:{:x}-{:x}:", wall_ms, pid);
}

bool is_run_prefix(const std::string& prefix) {
  static const std::regex kForm("rrt:[0-9a-f]{1,16}-[0-9a-f]{1,8}:");
  return std::regex_match(prefix, kForm);
}

}  // namespace rrt
