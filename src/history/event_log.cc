#include "history/event_log.h"

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "base/errors.h"

namespace rrt {

EventLog::EventLog(const std::string& path, Nanos t0) : t0_(t0) {
  file_ = std::fopen(path.c_str(), "w");
  if (!file_) {
    throw EnvironmentError(fmt::format("cannot create {}: {}", path, std::strerror(errno)));
  }
}

EventLog::~EventLog() {
  if (file_) std::fclose(file_);
}

void EventLog::add(const std::string& source, const std::string& name, const std::string& node,
                   nlohmann::json detail, Nanos mono) {
  Event e{(mono ? mono : mono_ns()) - t0_, source, name, node, std::move(detail)};
  std::string line = event_to_json(e).dump() + "\n";
  std::lock_guard lock(mu_);
  std::fwrite(line.data(), 1, line.size(), file_);
  std::fflush(file_);
}

}  // namespace rrt
