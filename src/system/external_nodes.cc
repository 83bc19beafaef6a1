#include "system/external_nodes.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/errors.h"
#include "base/option_reader.h"
#include "base/wait.h"
#include "resp/sync_client.h"
#include "topo/ask.h"

namespace rrt {

namespace {

constexpr Nanos kAskTimeout = 300 * kMillis;
constexpr Nanos kStopConfirm = 5 * kSeconds;  // SHUTDOWN: until it stops answering
constexpr Nanos kComeBack = 30 * kSeconds;    // until a supervisor brought a node back
constexpr Nanos kWakeMargin = 5 * kSeconds;   // after DEBUG SLEEP should have ended

// INFO server's run_id, or "" when the node does not answer.
std::string run_id(const Endpoint& ep, const ConnectOptions& o) {
  CallResult r = ask(ep, {"INFO", "server"}, o);
  return r.ok() ? info_field(r.reply.str(), "run_id") : "";
}

}  // namespace

ExternalNodes::ExternalNodes(Topology topology, ConnectOptions connect, Clock& clock)
    : topology_(std::move(topology)), connect_(std::move(connect)), clock_(clock) {}

const NodeInfo& ExternalNodes::node(const std::string& name) const {
  const NodeInfo* n = topology_.find(name);
  if (!n) throw UsageError(fmt::format("no node named '{}' in the target", name));
  return *n;
}

bool ExternalNodes::answers(const std::string& name, Nanos timeout) const {
  return ask(node(name).endpoint, {"PING"}, connect(timeout)).ok();
}

bool ExternalNodes::running(const std::string& name) const {
  node(name);
  if (!down_.count(name)) return true;
  if (!answers(name, kAskTimeout)) return false;
  down_.erase(name);
  return true;
}

bool ExternalNodes::paused(const std::string& name) const {
  auto it = paused_until_.find(name);
  return it != paused_until_.end() && clock_.now() < it->second;
}

std::string ExternalNodes::master() const {
  return ask_master(topology_, connect(kAskTimeout),
                    [this](const std::string& n) { return running(n) && !paused(n); });
}

std::vector<std::string> ExternalNodes::masters() const {
  return ask_masters(topology_, connect(kAskTimeout),
                     [this](const std::string& n) { return running(n) && !paused(n); });
}

ConnectOptions ExternalNodes::connect(Nanos timeout) const {
  ConnectOptions o = connect_;
  o.timeout = timeout;
  return o;
}

SentinelSettings ExternalNodes::sentinel_settings() const {
  SentinelSettings s;
  std::vector<NodeInfo> sentinels = topology_.with_role(Role::kSentinel);
  s.sentinels = static_cast<int>(sentinels.size());
  s.quorum = s.sentinels / 2 + 1;
  for (const auto& n : sentinels) {
    CallResult r =
        ask(n.endpoint, {"SENTINEL", "MASTER", topology_.master_name}, connect(kAskTimeout));
    if (!r.ok()) continue;
    for (size_t i = 0; i + 1 < r.reply.size(); i += 2) {
      std::string key(r.reply.at(i).str()), value(r.reply.at(i + 1).str());
      if (key == "quorum") s.quorum = std::atoi(value.c_str());
      if (key == "down-after-milliseconds") s.down_after_ms = std::atoi(value.c_str());
    }
    break;
  }
  return s;
}

// Sends SHUTDOWN [NOSAVE] and confirms: the node stops answering, or it answers with another
// run_id (its supervisor restarted it already).
nlohmann::json ExternalNodes::stop_node(const std::string& name, const Args& command) {
  const NodeInfo& n = node(name);
  ConnectOptions o = connect(kAskTimeout);
  std::string before = run_id(n.endpoint, o);
  if (before.empty()) throw EnvironmentError(name + " does not answer INFO before the fault");
  CallResult r = ask(n.endpoint, command, connect(2 * kSeconds));
  if (!r.ok() && r.reply.type() == Reply::Type::kError) {
    throw EnvironmentError(
        fmt::format("{} refused {}: {}", name, describe_command(command), r.detail));
  }
  Nanos sent = clock_.now();
  std::string how;
  bool confirmed = wait_until(clock_, kStopConfirm, 20 * kMillis, [&] {
    std::string now = run_id(n.endpoint, o);
    how = now.empty() ? "stopped answering" : now != before ? "answers with a new run_id" : "";
    return !how.empty();
  });
  if (!confirmed) {
    throw EnvironmentError(
        fmt::format("{} on {} did not take effect: it still answers with the same run_id after {}",
                    describe_command(command), name, format_duration(kStopConfirm)));
  }
  if (how == "stopped answering") down_.insert(name);
  return {{"command", describe_command(command)},
          {"confirmed", how},
          {"confirmed_after_ms", (clock_.now() - sent) / kMillis}};
}

nlohmann::json ExternalNodes::kill(const std::string& name) {
  return stop_node(name, {"SHUTDOWN", "NOSAVE"});
}

nlohmann::json ExternalNodes::shutdown(const std::string& name) {
  return stop_node(name, {"SHUTDOWN"});
}

nlohmann::json ExternalNodes::restart(const std::string& name) {
  Nanos begin = clock_.now();
  if (!wait_until(clock_, kComeBack, 100 * kMillis, [&] { return running(name); })) {
    throw EnvironmentError(fmt::format(
        "{} stayed down: nothing restarted it within {} (kill and shutdown on an external "
        "target need a supervisor that restarts Redis)",
        name, format_duration(kComeBack)));
  }
  return {{"back_after_ms", (clock_.now() - begin) / kMillis}};
}

// DEBUG SLEEP blocks the server; its reply comes when the sleep ends, so the request is left
// unanswered and a second connection confirms that PING gets no answer.
nlohmann::json ExternalNodes::pause(const std::string& name, Nanos hold) {
  if (hold <= 0) {
    throw UsageError(
        "pause on an external target needs a length (`for:`): DEBUG SLEEP ends "
        "by itself");
  }
  const NodeInfo& n = node(name);
  std::string seconds = fmt::format("{:.3f}", static_cast<double>(hold) / kSeconds);
  if (!answers(name, kAskTimeout)) throw EnvironmentError(name + " does not answer PING");
  Nanos sent = clock_.now();
  CallResult r = ask(n.endpoint, {"DEBUG", "SLEEP", seconds}, connect(kAskTimeout), 200 * kMillis);
  if (!r.ok() && r.reply.type() == Reply::Type::kError) {
    throw EnvironmentError(fmt::format("{} refused DEBUG SLEEP: {}", name, r.detail));
  }
  if (answers(name, kAskTimeout)) {
    throw EnvironmentError(fmt::format(
        "DEBUG SLEEP {} on {} did not take effect: it still answers PING", seconds, name));
  }
  paused_until_[name] = sent + hold;
  return {{"command", "DEBUG SLEEP " + seconds}, {"confirmed", "PING unanswered"}};
}

nlohmann::json ExternalNodes::resume(const std::string& name) {
  Nanos begin = clock_.now();
  auto it = paused_until_.find(name);
  Nanos left = it == paused_until_.end() ? 0 : std::max<Nanos>(0, it->second - begin);
  if (!wait_until(clock_, left + kWakeMargin, 50 * kMillis,
                  [&] { return answers(name, kAskTimeout); })) {
    throw EnvironmentError(
        fmt::format("{} does not answer {} after its DEBUG SLEEP should have "
                    "ended",
                    name, format_duration(kWakeMargin)));
  }
  paused_until_.erase(name);
  return {{"answered_after_ms", (clock_.now() - begin) / kMillis}};
}

void ExternalNodes::mark_down(const std::string& name) {
  down_.insert(node(name).name);
}

void ExternalNodes::mark_paused(const std::string& name, Nanos until) {
  paused_until_[node(name).name] = until;
}

void ExternalNodes::mark_resumed(const std::string& name) {
  paused_until_.erase(name);
}

void ExternalNodes::add_node(const NodeInfo& n) {
  if (topology_.find(n.name)) throw UsageError(fmt::format("node {} exists already", n.name));
  topology_.nodes.push_back(n);
}

void ExternalNodes::remove_node(const std::string& name) {
  node(name);
  std::erase_if(topology_.nodes, [&](const NodeInfo& n) { return n.name == name; });
  down_.erase(name);
  paused_until_.erase(name);
}

std::string ExternalNodes::add_replica() {
  throw UsageError("an external target cannot add replicas over the wire");
}

void ExternalNodes::remove_replica(const std::string&) {
  throw UsageError("an external target cannot remove replicas over the wire");
}

std::string debug_refusal(const Topology& t, const ConnectOptions& o) {
  for (const auto& n : t.nodes) {
    if (n.role == Role::kSentinel || n.role == Role::kProxy) continue;
    CallResult r = ask(n.endpoint, {"DEBUG", "HELP"}, o);
    if (!r.ok())
      return fmt::format("{} ({}) refuses DEBUG: {}", n.name, n.endpoint.to_string(), r.detail);
  }
  return "";
}

}  // namespace rrt
