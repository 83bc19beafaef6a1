#include "system/k8s_system.h"

#include <fmt/format.h>
#include <unistd.h>

#include "base/errors.h"
#include "k8s/fault_planner.h"
#include "k8s/network_policies.h"
#include "system/k8s_policy.h"

namespace rrt {

namespace {

ExternalOptions with_entry(ExternalOptions external, const K8sRelease& release) {
  if (!external.url.empty()) return external;
  external.url = release.suggested_target();
  if (external.url.empty()) {
    throw UsageError(
        fmt::format("release {} in namespace {} has no Sentinel or master service rrt could reach",
                    release.name, release.ns));
  }
  return external;
}

}  // namespace

K8sSystem::K8sSystem(Scenario& scenario, K8sSystemOptions options)
    : options_(std::move(options)),
      release_(discover_release(options_.kubectl, options_.release, options_.cluster_domain)),
      inner_(std::make_unique<ExternalSystem>(scenario, with_entry(options_.external, release_))),
      duration_(scenario.duration) {}

void K8sSystem::start() {
  leftovers_ = delete_expired_rrt_policies(options_.kubectl, wall_ns() / kSeconds);
  inner_->start();
  topology_ = name_nodes_after_pods(inner_->topology(), release_.pods);
}

FaultContext K8sSystem::fault_context(Clock& clock) {
  K8sNodesOptions o{options_.kubectl, options_.release, options_.cluster_domain,
                    fmt::format("{:x}{:x}", getpid(), wall_ns() / kSeconds % 0x10000), duration_};
  nodes_ = std::make_unique<K8sNodes>(std::move(o), topology_, inner_->connect(), clock);
  FaultContext ctx;
  ctx.nodes = nodes_.get();
  ctx.processes = nodes_.get();
  ctx.network = nodes_.get();
  ctx.clock = &clock;
  return ctx;
}

std::string K8sSystem::lacks(Capability c, const FaultStep& step) {
  auto partition_possible = [this]() -> std::string {
    PlanInput in;
    in.verb = "partition";
    in.pod = release_.pods.front().name;
    try {
      in.facts = gather_facts(options_.kubectl, release_, in);
      plan_fault(release_, in);
    } catch (const std::exception& e) {
      return e.what();
    }
    return "";
  };
  return k8s_lacks(c, step, release_, partition_possible);
}

std::string K8sSystem::backend() const {
  return fmt::format("k8s://{}/{}", release_.ns, release_.name);
}

nlohmann::json K8sSystem::describe() const {
  nlohmann::json d = inner_->describe();
  d["target"] = backend();
  d["release"] = to_json(release_);
  d["nodes"] = nodes_json(topology_);
  if (!leftovers_.empty()) d["deleted_leftovers"] = leftovers_;
  return d;
}

nlohmann::json K8sSystem::finish(const RunDir& run) {
  nlohmann::json k8s = {{"release", release_.name}, {"namespace", release_.ns}};
  if (nodes_) {
    k8s["undo_not_confirmed"] = nodes_->undo_all();
    k8s["kubectl"] = nodes_->log();
  }
  nlohmann::json out = inner_->finish(run);
  out["url"] = backend();
  out["kubernetes"] = k8s;
  return out;
}

}  // namespace rrt
