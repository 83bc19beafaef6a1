// SystemUnderTest on a Bitnami redis release, from inside its Kubernetes cluster
// (`rrt run --target k8s://NAMESPACE/RELEASE --in-cluster`, what the Job of `rrt run --target
// k8s://...` runs; docs/kubernetes.md). Load, keys, TTLs and cleanup are an external target's
// (system/external_system.h), reached through the release's Sentinel service; faults go through
// kubectl (system/k8s_nodes.h), and need --allow-faults like any external target's.
#pragma once

#include <memory>
#include <string>

#include "k8s/k8s_release.h"
#include "k8s/kubectl.h"
#include "system/external_options.h"
#include "system/external_system.h"
#include "system/k8s_nodes.h"
#include "system/system_under_test.h"

namespace rrt {

struct K8sSystemOptions {
  KubectlOptions kubectl;  // its namespace is the release's
  std::string release;
  std::string cluster_domain = "cluster.local";
  // external.url: where clients first reach the release (empty: its Sentinel service, or its
  // master service without Sentinel). Faults, password, rate cap and TLS as for any target.
  ExternalOptions external;
};

class K8sSystem : public SystemUnderTest {
 public:
  // Reads the release through kubectl (UsageError when it has no redis pods or no service) and
  // checks the scenario against the external policy (faults need --allow-faults).
  K8sSystem(Scenario& scenario, K8sSystemOptions options);
  // Deletes NetworkPolicies an earlier, killed rrt left (past their rrt.io/expires-at), then
  // discovers the nodes and names them after their pods.
  void start() override;
  Topology topology() const override { return topology_; }
  ConnectOptions connect() const override { return inner_->connect(); }
  FaultContext fault_context(Clock& clock) override;
  std::string lacks(Capability capability, const FaultStep& step) override;
  std::string backend() const override;
  std::string key_prefix() const override { return inner_->key_prefix(); }
  nlohmann::json describe() const override;
  // Undoes what is still applied (newest first), then removes rrt's keys; records the kubectl
  // log and any undo that was not confirmed.
  nlohmann::json finish(const RunDir& run) override;

 private:
  K8sSystemOptions options_;
  K8sRelease release_;
  std::unique_ptr<ExternalSystem> inner_;
  Topology topology_;
  std::vector<std::string> leftovers_;  // policies deleted at start
  std::unique_ptr<K8sNodes> nodes_;
  Nanos duration_;  // the scenario's: no partition lasts longer
};

}  // namespace rrt
