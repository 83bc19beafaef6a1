#include "base/wait.h"

#include <algorithm>

namespace rrt {

bool wait_until(Clock& clock, Nanos timeout, Nanos period, const std::function<bool()>& done) {
  const Nanos deadline = clock.now() + std::max<Nanos>(timeout, 0);
  const Nanos step = std::max<Nanos>(period, 1);
  for (;;) {
    if (done()) return true;
    Nanos left = deadline - clock.now();
    if (left <= 0) return false;
    clock.sleep_for(std::min(step, left));
  }
}

}  // namespace rrt
