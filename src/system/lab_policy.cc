#include "system/lab_policy.h"

#include "net/netns_network.h"

namespace rrt {

std::string lab_lacks(const LabSpec& spec, Capability c) {
  bool network = c == Capability::kNetwork || c == Capability::kNetworkLatency;
  if (network && spec.hosts == HostsMode::kLoopback) {
    return "network faults need topology hosts: netns or proxy (--hosts netns or proxy); this "
           "lab runs on plain loopback";
  }
  if (c == Capability::kNetworkLatency && spec.hosts == HostsMode::kNetns) return kNetnsNoLatency;
  return "";
}

std::string lab_backend(const LabSpec& spec) {
  return std::string("a lab (") + hosts_name(spec.hosts) + " hosts)";
}

}  // namespace rrt
