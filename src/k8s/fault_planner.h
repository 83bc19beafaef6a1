// Turns a fault on a Kubernetes release into kubectl actions, and the actions that undo it.
// Planning runs no command (the caller asks kubectl what it needs: the pods, whether Chaos
// Mesh's CRDs exist, a StatefulSet's replicas), so plans are tested without a cluster.
//
//   kill          delete pod --grace-period=0 --force; nothing to undo: its StatefulSet
//                 recreates it
//   client-pause  kubectl exec redis-cli CLIENT PAUSE <seconds> ALL; ends by itself (Redis holds
//                 CLIENT UNPAUSE during an ALL pause)
//   pause         kubectl exec redis-cli DEBUG SLEEP <seconds> in the background (needs
//                 enable-debug-command); ends by itself
//   partition     isolate a pod: a Chaos Mesh NetworkChaos (action partition) when its CRDs are
//                 installed, else a deny-all NetworkPolicy selecting the pod; undo: delete it
//   scale         kubectl scale statefulset --replicas N; undo: scale back
// redis-cli authenticates with the pod's own $REDIS_PASSWORD (as the Bitnami image sets it), so
// the password never passes through rrt.
#pragma once

#include <string>
#include <vector>

#include "k8s/k8s_pods.h"
#include "k8s/kubectl.h"

namespace rrt {

struct PlanInput {
  std::string verb;            // kill | client-pause | pause | partition | scale
  std::string pod;             // the target pod (kill, client-pause, pause, partition)
  std::string statefulset;     // scale
  int replicas = -1;           // scale: the new count
  int current_replicas = -1;   // scale: the count now (for the undo)
  int seconds = 10;            // pause / client-pause length bound
  bool chaos_mesh = false;     // Chaos Mesh's networkchaos CRD is installed
  std::string run_id = "rrt";  // names created objects (rrt-<run_id>-...)
};

struct FaultPlan {
  std::string summary;             // one line: what the fault does
  std::vector<KubectlCall> apply;  // in order
  std::vector<KubectlCall> undo;   // in order; run newest-first across faults
  std::vector<std::string> notes;  // caveats shown with the plan
};

// Throws UsageError for an unknown verb (listing the known ones), a pod or StatefulSet the release
// does not have, or a missing replicas count.
FaultPlan plan_fault(const K8sRelease& release, const PlanInput& input);

// "kill, client-pause, pause, partition, scale".
std::string k8s_fault_verbs();

}  // namespace rrt
