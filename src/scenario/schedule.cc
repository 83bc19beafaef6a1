#include "scenario/schedule.h"

#include <algorithm>

namespace rrt {

std::vector<FaultAction> expand_schedule(const std::vector<FaultStep>& steps) {
  std::vector<FaultAction> actions;
  for (size_t i = 0; i < steps.size(); ++i) {
    const FaultStep& s = steps[i];
    for (int k = 0; k < s.repeat; ++k) {
      Nanos start = s.at + k * s.every;
      if (s.duration > 0) actions.push_back({start + s.duration, i, false});
      if (s.duration == 0 && k > 0) actions.push_back({start, i, false});
      actions.push_back({start, i, true});
    }
  }
  std::stable_sort(actions.begin(), actions.end(), [](const FaultAction& a, const FaultAction& b) {
    if (a.at != b.at) return a.at < b.at;
    return !a.start && b.start;
  });
  return actions;
}

}  // namespace rrt
