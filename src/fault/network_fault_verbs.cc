#include "fault/network_fault_verbs.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "base/errors.h"
#include "base/option_reader.h"
#include "fault/node_view.h"
#include "fault/target.h"
#include "net/network_faults.h"

namespace rrt {

namespace {

using Groups = std::vector<std::vector<std::string>>;

NetworkFaults& network_of(FaultContext& ctx, const std::string& verb) {
  if (!ctx.network) {
    throw UsageError(
        fmt::format("fault '{}' needs --hosts netns or proxy (topology hosts: netns "
                    "or proxy); this backend has no network faults",
                    verb));
  }
  return *ctx.network;
}

// Node names for one word: role words and node names as in target.h, "replicas" and
// "sentinels" for all of them, and any other name (a client host, "client-1") as is.
std::vector<std::string> expand(const NodeView& nodes, const std::string& word, std::mt19937& rng) {
  if (word == "replicas") return current_replicas(nodes);
  if (word == "sentinels") {
    std::vector<std::string> all;
    for (const auto& n : nodes.topology().with_role(Role::kSentinel)) all.push_back(n.name);
    return all;
  }
  if (plausible_target(word)) return {resolve_target(nodes, word, rng).name};
  return {word};
}

// Reads a list of words (or one word) from option `name`.
std::vector<std::string> words(OptionReader& o, const std::string& name, const char* verb) {
  nlohmann::json v = o.raw(name);
  std::vector<std::string> out;
  if (v.is_string()) out.push_back(v.get<std::string>());
  if (v.is_array()) {
    for (const auto& w : v) {
      if (!w.is_string()) {
        throw OptionError(name, fmt::format("fault {}: '{}' must list node names or role words, "
                                            "got {}",
                                            verb, name, w.dump()));
      }
      out.push_back(w.get<std::string>());
    }
  }
  return out;
}

// A network fault: what it applies is a function of the nodes and the network.
class NetworkFault : public Fault {
 public:
  using Apply = std::function<FaultDetail(const NodeView&, NetworkFaults&, std::mt19937&)>;
  NetworkFault(std::string verb, Apply apply, bool heals_on_stop = true)
      : verb_(std::move(verb)), apply_(std::move(apply)), heals_on_stop_(heals_on_stop) {}

  std::string name() const override { return verb_; }
  std::vector<Capability> needs() const override {
    return {verb_ == "latency" ? Capability::kNetworkLatency : Capability::kNetwork};
  }
  FaultDetail start(FaultContext& ctx) override {
    NetworkFaults& net = network_of(ctx, verb_);
    FaultDetail detail = apply_(*ctx.nodes, net, rng_);
    detail.extra["mechanism"] = net.mechanism();
    return detail;
  }
  std::optional<FaultDetail> stop(FaultContext& ctx) override {
    if (!heals_on_stop_) return std::nullopt;
    network_of(ctx, verb_).heal();
    FaultDetail detail;
    detail.extra["healed"] = true;
    return detail;
  }

 private:
  std::string verb_;
  Apply apply_;
  bool heals_on_stop_;
  std::mt19937 rng_{std::random_device{}()};
};

const std::vector<std::string>* group_of(const Groups& groups, const std::string& name) {
  for (const auto& g : groups) {
    if (std::find(g.begin(), g.end(), name) != g.end()) return &g;
  }
  return nullptr;
}

// Sentinel: the master, if its group holds fewer sentinels than the quorum (the majority side
// may then fail over, which the anatomy checker wants to measure); else "".
std::string sentinel_master_cut_off(const NodeView& nodes, const Groups& groups) {
  std::string master = nodes.master();
  const auto* g = group_of(groups, master);
  if (!g) return "";
  int sentinels = 0;
  for (const auto& n : *g) sentinels += n.rfind("sentinel-", 0) == 0;
  return sentinels < nodes.sentinel_settings().quorum ? master : "";
}

// Cluster: the first master whose side (its group, and the hosts in no group, which talk to
// everyone) holds fewer than a majority of the masters; else "". The masters on the other side
// can then flag it FAIL and vote its replica in, while it stops taking writes itself once it
// sees it is in the minority (cluster-node-timeout).
std::string cluster_master_cut_off(const NodeView& nodes, const Groups& groups) {
  std::vector<std::string> masters = nodes.masters();
  size_t majority = masters.size() / 2 + 1;
  for (const auto& m : masters) {
    const auto* side = group_of(groups, m);
    if (!side) continue;
    size_t reachable = std::count_if(masters.begin(), masters.end(), [&](const std::string& x) {
      const auto* g = group_of(groups, x);
      return g == side || !g;
    });
    if (reachable < majority) return m;
  }
  return "";
}

// The master a partition into `groups` cuts off from the nodes that could replace it, or "".
std::string master_cut_off(const NodeView& nodes, const Groups& groups) {
  return nodes.topology().kind == TopologyKind::kCluster ? cluster_master_cut_off(nodes, groups)
                                                         : sentinel_master_cut_off(nodes, groups);
}

}  // namespace

std::unique_ptr<Fault> make_partition_fault(const nlohmann::json& args) {
  OptionReader o("fault partition", args);
  nlohmann::json groups = o.raw("groups");
  std::vector<std::string> isolate = words(o, "isolate", "partition");
  o.finish();
  if (groups.is_null() == isolate.empty()) {
    throw OptionError(groups.is_null() ? "isolate" : "groups",
                      "fault partition: give either groups: [[...], [...]] or isolate: <target>");
  }
  if (!groups.is_null() && (!groups.is_array() || groups.size() < 2)) {
    throw OptionError("groups", "fault partition: groups must be a list of at least two lists");
  }
  auto apply = [groups, isolate](const NodeView& nodes, NetworkFaults& net, std::mt19937& rng) {
    Groups resolved;
    if (!isolate.empty()) {
      std::vector<std::string> alone, rest;
      for (const auto& w : isolate) {
        for (auto& n : expand(nodes, w, rng)) alone.push_back(n);
      }
      for (const auto& n : nodes.topology().nodes) {
        if (std::find(alone.begin(), alone.end(), n.name) == alone.end()) rest.push_back(n.name);
      }
      resolved = {alone, rest};
    } else {
      for (const auto& g : groups) {
        std::vector<std::string> names;
        for (const auto& w : g) {
          for (auto& n : expand(nodes, w.get<std::string>(), rng)) names.push_back(n);
        }
        resolved.push_back(names);
      }
    }
    std::string master = master_cut_off(nodes, resolved);
    net.partition(resolved);
    FaultDetail detail;
    detail.disrupts_master = !master.empty();
    detail.master = master;
    detail.extra["groups"] = resolved;
    return detail;
  };
  return std::make_unique<NetworkFault>("partition", apply);
}

std::unique_ptr<Fault> make_cut_fault(const nlohmann::json& args) {
  OptionReader o("fault cut", args);
  std::vector<std::string> from = words(o, "from", "cut"), to = words(o, "to", "cut");
  o.finish();
  if (from.empty() || to.empty()) {
    throw OptionError(from.empty() ? "from" : "to", "fault cut: needs from: and to:");
  }
  auto apply = [from, to](const NodeView& nodes, NetworkFaults& net, std::mt19937& rng) {
    std::vector<std::string> a, b;
    for (const auto& w : from) {
      for (auto& n : expand(nodes, w, rng)) a.push_back(n);
    }
    for (const auto& w : to) {
      for (auto& n : expand(nodes, w, rng)) b.push_back(n);
    }
    for (const auto& x : a) {
      for (const auto& y : b) net.cut_one_way(x, y);
    }
    FaultDetail detail;
    detail.extra = {{"from", a}, {"to", b}};
    return detail;
  };
  return std::make_unique<NetworkFault>("cut", apply);
}

// Faults on the traffic leaving one target node.
static std::unique_ptr<Fault> per_node_fault(
    const std::string& verb, OptionReader& o,
    std::function<nlohmann::json(NetworkFaults&, const std::string&)> act) {
  std::string target = o.text("target", "master");
  o.finish();
  auto apply = [target, act](const NodeView& nodes, NetworkFaults& net, std::mt19937& rng) {
    TargetNode t = resolve_target(nodes, target, rng);
    FaultDetail detail = target_detail(t);
    detail.add_extra(act(net, t.name));
    return detail;
  };
  return std::make_unique<NetworkFault>(verb, apply);
}

std::unique_ptr<Fault> make_loss_fault(const nlohmann::json& args) {
  OptionReader o("fault loss", args);
  double percent = o.number("percent", 10, 0, 100);
  return per_node_fault("loss", o, [percent](NetworkFaults& net, const std::string& node) {
    net.loss(node, percent);
    return nlohmann::json{{"percent", percent}};
  });
}

std::unique_ptr<Fault> make_bandwidth_fault(const nlohmann::json& args) {
  OptionReader o("fault bandwidth", args);
  int kbit = o.integer("kbit", 1024, 8, 10'000'000);
  return per_node_fault("bandwidth", o, [kbit](NetworkFaults& net, const std::string& node) {
    net.bandwidth(node, kbit);
    return nlohmann::json{{"kbit", kbit}};
  });
}

std::unique_ptr<Fault> make_latency_fault(const nlohmann::json& args) {
  OptionReader o("fault latency", args);
  Nanos delay = o.duration("delay", 100 * kMillis);
  Nanos jitter = o.duration("jitter", 0);
  return per_node_fault("latency", o, [=](NetworkFaults& net, const std::string& node) {
    net.latency(node, delay, jitter);
    return nlohmann::json{{"delay_ms", delay / kMillis}, {"jitter_ms", jitter / kMillis}};
  });
}

std::unique_ptr<Fault> make_heal_fault(const nlohmann::json& args) {
  OptionReader("fault heal", args).finish();
  auto apply = [](const NodeView&, NetworkFaults& net, std::mt19937&) {
    net.heal();
    return FaultDetail{};
  };
  return std::make_unique<NetworkFault>("heal", apply, false);
}

}  // namespace rrt
