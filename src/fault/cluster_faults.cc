#include "fault/cluster_faults.h"

#include <fmt/format.h>

#include "base/errors.h"
#include "base/option_reader.h"
#include "fault/node_view.h"
#include "fault/target.h"
#include "resp/sync_client.h"
#include "topo/ask.h"

namespace rrt {

namespace {

constexpr Nanos kAskTimeout = 500 * kMillis;

class ClusterFailoverFault : public Fault {
 public:
  explicit ClusterFailoverFault(const nlohmann::json& args) {
    OptionReader o("fault cluster-failover", args);
    target_ = o.text("target", "replica");
    mode_ = o.text("mode", "");
    o.finish();
    if (target_ != "replica" && target_.rfind("redis-", 0) != 0) {
      throw OptionError("target", fmt::format("fault cluster-failover: bad target '{}': expected "
                                              "replica or a node name (redis-N)",
                                              target_));
    }
    if (mode_ == "default") mode_ = "";  // coordinated: the master hands over
    if (mode_ != "" && mode_ != "force" && mode_ != "takeover") {
      throw OptionError("mode", fmt::format("fault cluster-failover: bad mode '{}': expected "
                                            "default, force or takeover",
                                            mode_));
    }
  }
  std::string name() const override { return "cluster-failover"; }
  std::vector<Capability> needs() const override { return {Capability::kCommands}; }

  FaultDetail start(FaultContext& ctx) override {
    NodeView& nodes = *ctx.nodes;
    Topology topology = nodes.topology();
    if (topology.kind != TopologyKind::kCluster) {
      throw UsageError("fault cluster-failover needs a cluster lab (topology kind: cluster)");
    }
    ConnectOptions o = nodes.connect(kAskTimeout);
    for (const auto& n : topology.nodes) {
      if (target_ != "replica" && n.name != target_) continue;
      if (!nodes.running(n.name) || nodes.paused(n.name)) continue;
      std::string master = master_of(topology, n, o);
      if (master.empty()) continue;  // not a replica now
      Args cmd = {"CLUSTER", "FAILOVER"};
      if (!mode_.empty()) cmd.push_back(mode_);
      must_ask(n.endpoint, cmd, o);
      FaultDetail detail = target_detail({n.name, n.endpoint, Role::kReplica});
      detail.disrupts_master = true;
      detail.master = master;
      detail.extra["mode"] = mode_;
      return detail;
    }
    throw EnvironmentError(
        fmt::format("cluster-failover: no running replica matches '{}'", target_));
  }
  std::optional<FaultDetail> stop(FaultContext&) override { return std::nullopt; }

 private:
  // The lab name of the master `n` replicates, from its INFO replication; "" if it is a master
  // or does not answer.
  static std::string master_of(const Topology& topology, const NodeInfo& n,
                               const ConnectOptions& o) {
    CallResult r = ask(n.endpoint, {"INFO", "replication"}, o);
    if (!r.ok() || info_field(r.reply.str(), "role") != "slave") return "";
    Endpoint m{info_field(r.reply.str(), "master_host"), 0};
    try {
      m.port = std::stoi(info_field(r.reply.str(), "master_port"));
    } catch (const std::exception&) {
      return "";
    }
    const NodeInfo* node = topology.find(m);
    return node ? node->name : m.to_string();
  }

  std::string target_;
  std::string mode_;
};

}  // namespace

std::unique_ptr<Fault> make_cluster_failover_fault(const nlohmann::json& args) {
  return std::make_unique<ClusterFailoverFault>(args);
}

}  // namespace rrt
