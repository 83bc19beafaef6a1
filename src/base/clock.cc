#include "base/clock.h"

#include <ctime>

#include <fmt/format.h>

namespace rrt {

static std::tm utc(Nanos wall) {
  std::time_t secs = wall / kSeconds;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return tm;
}

std::string format_wall_time(Nanos wall) {
  std::tm tm = utc(wall);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (wall / kMillis) % 1000);
}

std::string format_run_stamp(Nanos wall) {
  std::tm tm = utc(wall);
  return fmt::format("{:04}{:02}{:02}-{:02}{:02}{:02}-{:03}", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (wall / kMillis) % 1000);
}

}  // namespace rrt
