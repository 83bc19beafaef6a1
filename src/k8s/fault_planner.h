// Turns a fault on a Kubernetes release into kubectl steps: what applies it, what confirms it took
// effect, what undoes it and what confirms the undo. Planning runs no command: the caller gathers
// the facts it needs (gather_facts: whether Chaos Mesh is installed, the NetworkPolicies on the
// pod, a StatefulSet's replicas), so every plan is tested without a cluster.
//
//   kill          delete pod --grace-period=1; confirmed when the pod's UID changed (the old pod's
//                 containers stopped and its StatefulSet made a new one); nothing to undo
//   client-pause  redis-cli CLIENT PAUSE <ms> ALL in the pod; confirmed when PING from inside the
//                 pod gets no reply; ends by itself (Redis holds CLIENT UNPAUSE during an ALL
//                 pause): the undo confirms the pod answers again
//   pause         redis-cli DEBUG SLEEP <s> in the pod, kept running by rrt in the background
//                 (needs enable-debug-command yes or local); confirmed like client-pause; the undo
//                 waits for redis-cli to return OK and the pod to answer again
//   partition     a Chaos Mesh NetworkChaos when its CRD is installed, else a NetworkPolicy where
//                 one can take effect (no other policy selects the pod), else refused; confirmed
//                 when a PING from another pod of the release gets no reply; undo: delete it,
//                 confirmed when it is gone and the pod answers that peer again
//   scale         kubectl scale statefulset --current-replicas C --replicas N; confirmed when the
//                 StatefulSet reports N ready replicas; undo: scale back to C, confirmed the same
//                 way
#pragma once

#include <string>
#include <vector>

#include "k8s/k8s_release.h"
#include "k8s/kubectl.h"

namespace rrt {

// What the planner must know about the cluster beyond the release itself.
struct ClusterFacts {
  bool chaos_mesh = false;                // networkchaos.chaos-mesh.org is served
  std::vector<std::string> pod_policies;  // NetworkPolicies (not rrt's) selecting the target pod
  int current_replicas = -1;              // scale: the StatefulSet's spec.replicas
};

struct PlanInput {
  std::string verb;            // kill | client-pause | pause | partition | scale
  std::string pod;             // the target pod (kill, client-pause, pause, partition)
  std::string statefulset;     // scale
  int replicas = -1;           // scale: the new count
  int seconds = 10;            // how long the fault holds (pauses end by themselves after it)
  std::string run_id = "rrt";  // names created objects (rrt-<run_id>-...)
  long long now_unix_s = 0;    // for a NetworkPolicy's rrt.io/expires-at
  int answer_ms = 1000;        // how long a PING probe waits for its reply
  ClusterFacts facts;
};

// A check that a step took effect: `call` is repeated until `expect` holds or `deadline_s` passed.
struct Probe {
  enum Expect {
    kAnswers,        // ping_probe: the node replies
    kSilent,         // ping_probe: no reply in time (paused)
    kCut,            // ping_probe: no reply or no connection (partitioned)
    kGone,           // get KIND NAME: NotFound
    kUidChanged,     // get pod NAME: NotFound or metadata.uid != value
    kReplicas,       // get statefulset NAME: status.replicas and readyReplicas == value
    kChaosInjected,  // get networkchaos NAME: condition AllInjected is True
  };
  std::string what;  // "redis-node-0 stops answering PING", for the plan and errors
  KubectlCall call;
  Expect expect = kAnswers;
  std::string value;
  int deadline_s = 30;
};

struct Step {
  KubectlCall call;
  bool background = false;  // started and left running; its result is checked when undone
  std::string must_print;   // text its output must contain ("OK" from redis-cli); empty: none
};

struct FaultPlan {
  std::string verb, target;         // "pause", "redis-node-0"
  std::string summary;              // one line: what the fault does
  std::vector<Step> apply;          // in order
  std::vector<Probe> confirm;       // all must hold before the fault counts as applied
  std::vector<Step> undo;           // in order; faults are undone newest-first
  std::vector<Probe> undo_confirm;  // all must hold before the fault counts as undone
  std::vector<std::string> notes;   // caveats shown with the plan
};

// Throws UsageError for an unknown verb (listing the known ones), a pod or StatefulSet the release
// does not have, a missing count, or a fault the release cannot take (pause without DEBUG, a
// partition with no mechanism that can take effect), naming what would make it possible.
FaultPlan plan_fault(const K8sRelease& release, const PlanInput& input);

// Asks kubectl what plan_fault needs for `input` (Chaos Mesh, the pod's policies, replicas).
ClusterFacts gather_facts(const KubectlOptions& kubectl, const K8sRelease& release,
                          const PlanInput& input);

// "kill, client-pause, pause, partition, scale".
std::string k8s_fault_verbs();

}  // namespace rrt
