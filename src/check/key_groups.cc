#include "check/key_groups.h"

namespace rrt {

std::map<std::string, std::vector<size_t>> group_by_key(const History& history,
                                                        const std::vector<Call>& calls) {
  std::map<std::string, std::vector<size_t>> groups;
  for (size_t i = 0; i < calls.size(); ++i) groups[history[calls[i].invoke].key].push_back(i);
  return groups;
}

}  // namespace rrt
