#include "fault/replica_faults.h"

#include <fmt/format.h>

#include <functional>
#include <set>

#include "base/errors.h"
#include "base/option_reader.h"
#include "base/wait.h"
#include "fault/node_processes.h"
#include "fault/node_view.h"
#include "fault/target.h"
#include "topo/ask.h"

namespace rrt {

namespace {

constexpr Nanos kAskTimeout = 500 * kMillis;

// The replica addresses sentinel `name` lists (SENTINEL REPLICAS); empty if it does not answer.
std::set<std::string> replicas_known_by(const NodeView& nodes, const std::string& name) {
  Topology t = nodes.topology();
  std::set<std::string> out;
  CallResult r = ask(t.find(name)->endpoint, {"SENTINEL", "REPLICAS", t.master_name},
                     nodes.connect(kAskTimeout));
  for (size_t i = 0; r.ok() && i < r.reply.size(); ++i) {
    Reply fields = r.reply.at(i);
    std::string ip, port;
    for (size_t f = 0; f + 1 < fields.size(); f += 2) {
      if (fields.at(f).str() == "ip") ip = fields.at(f + 1).str();
      if (fields.at(f).str() == "port") port = fields.at(f + 1).str();
    }
    out.insert(ip + ":" + port);
  }
  return out;
}

// Waits (at most `timeout`) until every running sentinel's replica list satisfies `ok`; returns
// how long it took, or -1 if some sentinel never did.
Nanos await_sentinels(FaultContext& ctx,
                      const std::function<bool(const std::set<std::string>&)>& ok, Nanos timeout) {
  Nanos begin = ctx.clock->now();
  bool all_ok = wait_until(*ctx.clock, timeout, 100 * kMillis, [&] {
    for (const auto& s : running_sentinels(*ctx.nodes)) {
      if (!ok(replicas_known_by(*ctx.nodes, s))) return false;
    }
    return true;
  });
  return all_ok ? ctx.clock->now() - begin : -1;
}

std::string endpoint_of(const NodeView& nodes, const std::string& name) {
  const NodeInfo* n = nodes.topology().find(name);
  return n ? n->endpoint.to_string() : "";
}

// Sentinels learn of a new replica from the master's INFO, which they ask for every 10 s.
constexpr Nanos kDiscoveryWait = 12 * kSeconds;
// After SENTINEL RESET a sentinel reconnects to the master and lists its replicas again after
// its next INFO: measured at about 5 s on the lab, so allow as long as discovery.
constexpr Nanos kResetWait = 12 * kSeconds;

// After remove_replica's SENTINEL RESET: how long (ms) until every running sentinel lists
// exactly the data nodes still running, other than the master; null if not within 12 s.
nlohmann::json forget_wait(FaultContext& ctx) {
  std::set<std::string> expected;
  for (const auto& n : current_replicas(*ctx.nodes)) expected.insert(endpoint_of(*ctx.nodes, n));
  Nanos took = await_sentinels(
      ctx, [&](const std::set<std::string>& known) { return known == expected; }, kResetWait);
  return took < 0 ? nlohmann::json() : nlohmann::json(took / kMillis);
}

// The detail of removing `removed`: which ones, and when the sentinels forgot them.
FaultDetail removal(const std::vector<std::string>& removed, FaultContext& ctx) {
  FaultDetail detail;
  detail.extra = {{"removed", removed}, {"sentinels_forgot_after_ms", forget_wait(ctx)}};
  return detail;
}

class AddReplicaFault : public Fault {
 public:
  explicit AddReplicaFault(const nlohmann::json& args) {
    OptionReader o("fault add-replica", args);
    count_ = o.integer("count", 1, 1, 4);
    wait_sentinels_ = o.boolean("wait_sentinels", true);
    o.finish();
  }
  std::string name() const override { return "add-replica"; }
  std::vector<Capability> needs() const override { return {Capability::kReplicaMembership}; }

  // Must run on the main thread: the new processes live as long as the thread that spawned them.
  FaultDetail start(FaultContext& ctx) override {
    NodeProcesses& processes = processes_of(ctx, name());
    Nanos begin = ctx.clock->now();
    for (int i = 0; i < count_; ++i) added_.push_back(processes.add_replica());
    nlohmann::json endpoints = nlohmann::json::array();
    for (const auto& n : added_) endpoints.push_back(endpoint_of(*ctx.nodes, n));
    FaultDetail detail;
    detail.extra = {{"added", added_},
                    {"endpoints", endpoints},
                    {"synced_after_ms", (ctx.clock->now() - begin) / kMillis}};
    if (wait_sentinels_) {
      auto knows_all = [&](const std::set<std::string>& known) {
        for (const auto& e : endpoints) {
          if (!known.count(e.get<std::string>())) return false;
        }
        return true;
      };
      Nanos took = await_sentinels(ctx, knows_all, kDiscoveryWait);
      detail.extra["sentinels_know_after_ms"] =
          took < 0 ? nlohmann::json() : nlohmann::json(took / kMillis);
    }
    return detail;
  }

  std::optional<FaultDetail> stop(FaultContext& ctx) override {
    std::vector<std::string> removed;
    // Newest first, like every undo (a StatefulSet can only remove its highest ordinal).
    for (auto n = added_.rbegin(); n != added_.rend(); ++n) {
      processes_of(ctx, name()).remove_replica(*n);
      removed.push_back(*n);
    }
    added_.clear();
    return removal(removed, ctx);
  }

 private:
  int count_ = 1;
  bool wait_sentinels_ = true;  // wait (up to 12 s) until every sentinel lists the new replicas
  std::vector<std::string> added_;
};

class RemoveReplicaFault : public Fault {
 public:
  explicit RemoveReplicaFault(const nlohmann::json& args) {
    OptionReader o("fault remove-replica", args);
    target_ = o.text("target", "any-replica");
    count_ = o.integer("count", 1, 1, 16);
    o.finish();
    if (target_ == "master" || target_.find("sentinel") != std::string::npos ||
        !plausible_target(target_)) {
      throw OptionError("target", fmt::format("fault remove-replica: bad target '{}': expected "
                                              "replica, any-replica or a data node's name",
                                              target_));
    }
  }
  std::string name() const override { return "remove-replica"; }
  std::vector<Capability> needs() const override { return {Capability::kReplicaMembership}; }

  FaultDetail start(FaultContext& ctx) override {
    std::vector<std::string> removed;
    for (int i = 0; i < count_; ++i) {
      TargetNode t = resolve_target(*ctx.nodes, target_, rng_);
      if (t.role != Role::kReplica) throw UsageError(t.name + " is not a replica now");
      processes_of(ctx, name()).remove_replica(t.name);
      removed.push_back(t.name);
    }
    return removal(removed, ctx);
  }
  std::optional<FaultDetail> stop(FaultContext&) override { return std::nullopt; }

 private:
  std::string target_;
  int count_ = 1;
  std::mt19937 rng_{std::random_device{}()};
};

}  // namespace

std::unique_ptr<Fault> make_add_replica_fault(const nlohmann::json& args) {
  return std::make_unique<AddReplicaFault>(args);
}

std::unique_ptr<Fault> make_remove_replica_fault(const nlohmann::json& args) {
  return std::make_unique<RemoveReplicaFault>(args);
}

}  // namespace rrt
