// Network faults between the nodes of a lab, whatever applies them: iptables/tc rules inside
// network namespaces (netns hosts, needs root) or toxics on rrt's TCP fault proxies (no root).
// Scenario fault verbs (partition, heal, loss, bandwidth, latency, one-way cuts) call this
// interface and never know which mechanism is behind it.
//
// Node names are the lab's node names ("redis-1", "sentinel-2"); client groups use names the
// runner gives its client hosts ("client-1", ...). Unknown names are UsageErrors.
#pragma once

#include <string>
#include <vector>

#include "base/clock.h"

namespace rrt {

class NetworkFaults {
 public:
  virtual ~NetworkFaults() = default;

  // Which mechanism this is: "netns" or "proxy".
  virtual std::string mechanism() const = 0;

  // Cuts all traffic between any two nodes in different groups (both directions). Nodes in no
  // group keep talking to everyone.
  virtual void partition(const std::vector<std::vector<std::string>>& groups) = 0;
  // Drops packets from `from` to `to` only (one-way cut).
  virtual void cut_one_way(const std::string& from, const std::string& to) = 0;
  // Loses `percent` of the packets leaving `node`.
  virtual void loss(const std::string& node, double percent) = 0;
  // Caps the bandwidth leaving `node` at `kbit_per_s`.
  virtual void bandwidth(const std::string& node, int kbit_per_s) = 0;
  // Adds latency (with jitter) to traffic leaving `node`. Mechanisms that cannot (netns) throw
  // UsageError saying so.
  virtual void latency(const std::string& node, Nanos delay, Nanos jitter) = 0;
  // Removes every fault this object applied. Safe to call twice.
  virtual void heal() = 0;
};

}  // namespace rrt
