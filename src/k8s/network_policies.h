// NetworkPolicies as they decide whether rrt's own policy can cut a pod off. Policies add up: a
// pod selected by any policy that allows some traffic gets that traffic, whatever another policy
// denies. The Bitnami chart ships one (networkPolicy.enabled, true by default) that selects every
// pod of the release and allows the redis and sentinel ports from anywhere and all egress: next
// to it, a deny-all policy changes nothing.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "k8s/k8s_pods.h"
#include "k8s/kubectl.h"

namespace rrt {

// A Kubernetes label selector (matchLabels and matchExpressions with In, NotIn, Exists,
// DoesNotExist) against a pod's labels. An empty selector selects every pod.
bool selector_matches(const nlohmann::json& selector,
                      const std::map<std::string, std::string>& labels);

// The names of the policies in `list` (kubectl get networkpolicies -o json) that select `pod`,
// leaving out rrt's own (label app.kubernetes.io/managed-by=rrt).
std::vector<std::string> policies_selecting(const nlohmann::json& list, const K8sPod& pod);

// rrt's policies in `list` whose annotation rrt.io/expires-at (Unix seconds) is before
// `now_unix_s`: left behind by an rrt that was killed before it could undo them.
std::vector<std::string> expired_rrt_policies(const nlohmann::json& list, long long now_unix_s);

// Asks kubectl for rrt's policies in the namespace and deletes the expired ones; returns their
// names. Run before injecting faults, so an rrt that was killed is cleaned up after by the next.
// Throws EnvironmentError when a delete fails; an unreadable list deletes nothing.
std::vector<std::string> delete_expired_rrt_policies(const KubectlOptions& kubectl,
                                                     long long now_unix_s);

}  // namespace rrt
