#include "system/lab_nodes.h"

namespace rrt {

static constexpr Nanos kAskTimeout = 300 * kMillis;

std::string LabNodes::master() const {
  return ask_master(lab_.topology(), connect(kAskTimeout),
                    [this](const std::string& n) { return up(n); });
}

std::vector<std::string> LabNodes::masters() const {
  return ask_masters(lab_.topology(), connect(kAskTimeout),
                     [this](const std::string& n) { return up(n); });
}

ConnectOptions LabNodes::connect(Nanos timeout) const {
  return lab_.spec().connect_options(timeout);
}

SentinelSettings LabNodes::sentinel_settings() const {
  const LabSpec& s = lab_.spec();
  return {s.sentinels, s.quorum, s.down_after_ms};
}

nlohmann::json LabNodes::kill(const std::string& node) {
  int pid = lab_.node(node).pid;
  lab_.kill(node);
  return {{"pid", pid}};
}

nlohmann::json LabNodes::shutdown(const std::string& node) {
  int pid = lab_.node(node).pid;
  lab_.shutdown(node);
  return {{"pid", pid}};
}

nlohmann::json LabNodes::pause(const std::string& node, Nanos) {
  int pid = lab_.node(node).pid;
  lab_.pause(node);
  return {{"pid", pid}};
}

nlohmann::json LabNodes::resume(const std::string& node) {
  lab_.resume(node);
  return nlohmann::json::object();
}

nlohmann::json LabNodes::restart(const std::string& node) {
  lab_.restart(node);
  return {{"pid", lab_.node(node).pid}};
}

}  // namespace rrt
