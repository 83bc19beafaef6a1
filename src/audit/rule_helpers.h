// Small pieces the rule files share: evidence lines and severity arithmetic.
#pragma once

#include <optional>
#include <string>

#include "audit/finding.h"
#include "audit/snapshot.h"

namespace rrt {

// A setting of a data node; the setting names its source when it is not CONFIG GET.
Evidence setting_evidence(const DataNode& node, const std::string& name, const Setting& value);
Evidence node_evidence(const DataNode& node, const std::string& setting, const std::string& value);
Evidence sentinel_evidence(const SentinelNode& sentinel, const std::string& setting,
                           const std::string& value);

// The more severe of the two.
Severity worst(Severity a, Severity b);

// The majority of n sentinels.
inline long long majority(long long n) {
  return n / 2 + 1;
}

// The finding, or nullopt when it has no evidence (the rule found nothing).
std::optional<Finding> if_evidence(Finding finding);

// A setting's value as a number; nullopt when unknown or not a number.
std::optional<long long> number_setting(const DataNode& node, const std::string& name);

// An INFO field as a number; nullopt when absent or not a number.
std::optional<long long> info_number(const DataNode& node, const std::string& field);

// True when every node and sentinel the audit found is on one host (and there are 2 or more).
bool single_host_deployment(const Snapshot& s);

// The first reachable cluster node that answered CLUSTER NODES: the view the cluster rules
// judge. Null outside a cluster.
const DataNode* cluster_view(const Snapshot& s);

}  // namespace rrt
