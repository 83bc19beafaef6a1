// Lab::form_cluster and the cluster part of readiness: what `redis-cli --cluster create` does,
// done here so every step has a deadline and a clear error.
#include <fmt/format.h>

#include "base/errors.h"
#include "base/wait.h"
#include "cluster/key_slot.h"
#include "cluster/slot_map.h"
#include "lab/lab.h"
#include "resp/sync_client.h"
#include "topo/ask.h"

namespace rrt {

static constexpr Nanos kClusterProbeTimeout = 500 * kMillis;

namespace {

// Calls `args` on `node` until it succeeds or `deadline` passes; returns the reply or throws
// EnvironmentError with the last error.
Reply call_until_ok(const NodeInfo& node, const Args& args, Nanos deadline) {
  std::string last;
  Reply reply;
  SystemClock clock;
  auto ok = [&] {
    ConnectOptions o;
    o.timeout = kClusterProbeTimeout;
    CallResult r = ask(node.endpoint, args, o);
    if (r.ok()) reply = std::move(r.reply);
    last = r.detail;
    return r.ok();
  };
  if (wait_until(clock, deadline - clock.now(), 50 * kMillis, ok)) return reply;
  std::string cmd;
  for (const auto& a : args) cmd += (cmd.empty() ? "" : " ") + a;
  throw EnvironmentError(fmt::format("cluster set-up: {} on {} ({}) failed: {}", cmd, node.name,
                                     node.endpoint.to_string(), last));
}

}  // namespace

// Masters get consecutive, equal slot ranges and distinct config epochs (so no epoch collision
// has to be resolved); every node meets the first; replica k follows master k % masters.
void Lab::form_cluster(Nanos deadline) {
  const int masters = spec_.masters;
  std::vector<std::string> ids;
  for (const auto& n : nodes_) {
    ids.push_back(std::string(call_until_ok(n.info, {"CLUSTER", "MYID"}, deadline).str()));
  }
  for (int i = 0; i < masters; ++i) {
    const NodeInfo& m = nodes_[i].info;
    call_until_ok(m, {"CLUSTER", "SET-CONFIG-EPOCH", std::to_string(i + 1)}, deadline);
    int first = i * kClusterSlots / masters;
    int last = (i + 1) * kClusterSlots / masters - 1;
    call_until_ok(m, {"CLUSTER", "ADDSLOTSRANGE", std::to_string(first), std::to_string(last)},
                  deadline);
  }
  const NodeInfo& hub = nodes_.front().info;
  for (size_t i = 1; i < nodes_.size(); ++i) {
    const Endpoint& ep = nodes_[i].info.endpoint;
    call_until_ok(hub, {"CLUSTER", "MEET", ep.host, std::to_string(ep.port)}, deadline);
  }
  // A replica can follow its master only once gossip told it about the master's id.
  for (size_t i = masters; i < nodes_.size(); ++i) {
    const std::string& master_id = ids[(i - masters) % masters];
    call_until_ok(nodes_[i].info, {"CLUSTER", "REPLICATE", master_id}, deadline);
  }
}

// Why the cluster is not ready yet, or "": every running data node says cluster_state:ok,
// covers all slots and has the same slot map with every master's replicas in it.
std::string Lab::cluster_pending() const {
  std::string first_signature;
  std::string first_node;
  for (const auto& n : nodes_) {
    if (n.pid <= 0) continue;
    SyncClient c;
    ConnectOptions o;
    o.timeout = kClusterProbeTimeout;
    CallResult r = c.connect(n.info.endpoint, o);
    if (r.ok()) r = c.call({"CLUSTER", "INFO"}, kClusterProbeTimeout);
    if (!r.ok()) return fmt::format("{} does not answer ({})", n.info.name, r.detail);
    if (info_field(r.reply.str(), "cluster_state") != "ok") {
      return fmt::format("{} reports cluster_state:{}", n.info.name,
                         info_field(r.reply.str(), "cluster_state"));
    }
    r = c.call({"CLUSTER", "SLOTS"}, kClusterProbeTimeout);
    if (!r.ok()) return fmt::format("{}: CLUSTER SLOTS: {}", n.info.name, r.detail);
    SlotMap map;
    try {
      map = SlotMap::from_cluster_slots(r.reply);
    } catch (const std::invalid_argument& e) {
      return fmt::format("{}: {}", n.info.name, e.what());
    }
    for (const auto& range : map.ranges()) {
      if (static_cast<int>(range.replicas.size()) < spec_.replicas) {
        return fmt::format("{} sees {} of {} replicas for slots {}-{}", n.info.name,
                           range.replicas.size(), spec_.replicas, range.start, range.end);
      }
    }
    std::string signature = map.signature();
    if (first_node.empty()) {
      first_node = n.info.name;
      first_signature = signature;
    } else if (signature != first_signature) {
      return fmt::format("{} and {} disagree on the slot map ({} / {})", first_node, n.info.name,
                         first_signature, signature);
    }
  }
  return "";
}

}  // namespace rrt
