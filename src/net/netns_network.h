// Network faults between netns hosts, applied inside their namespaces: iptables rules (filter
// table) for cuts and packet loss, a tbf qdisc on eth0 for bandwidth.
//
// rrt owns each host namespace's filter table and eth0 qdisc: after every change it rewrites the
// whole table of each affected host with one iptables-restore (atomic; hosts in parallel), so
// the rules in the kernel always equal the faults recorded here. Rules die with the namespace:
// nothing is ever added to the root namespace's tables.
#pragma once

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <utility>

#include "net/network_faults.h"

namespace rrt {

// Why netns hosts have no latency fault, and what has one. rrt does not drive the netem qdisc:
// many kernels lack it (this project's machine among them: `tc qdisc add ... netem` fails with
// "Specified qdisc kind is unknown"), and a fault that works on some kernels only could not be
// tested here.
inline constexpr char kNetnsNoLatency[] =
    "netns hosts cannot add latency (rrt does not use the kernel's netem qdisc, which many "
    "kernels lack); run the scenario with --hosts proxy, whose TCP proxies add latency and "
    "jitter";

struct NetnsHost {
  std::string name;     // "redis-1", "client-2"
  std::string netns;    // "rrt-<lab>-redis-1"
  std::string address;  // its address on the bridge
};

class NetnsNetwork : public NetworkFaults {
 public:
  // Makes `host` a fault target.
  void add_host(NetnsHost host);

  std::string mechanism() const override { return "netns"; }
  void partition(const std::vector<std::vector<std::string>>& groups) override;
  void cut_one_way(const std::string& from, const std::string& to) override;
  // Drops `percent` of the packets `node` sends out of eth0 (iptables statistic match).
  void loss(const std::string& node, double percent) override;
  // tbf on the node's eth0; 0 removes the cap.
  void bandwidth(const std::string& node, int kbit_per_s) override;
  // Always UsageError (kNetnsNoLatency): scenarios with a latency fault are refused before the
  // lab starts (system/lab_policy.h, system/fault_support.h); this guards any other caller.
  void latency(const std::string& node, Nanos delay, Nanos jitter) override;
  void heal() override;

 private:
  const NetnsHost& host(const std::string& name) const;  // UsageError naming the known hosts
  std::string filter_table(const std::string& name) const;
  void apply_rules(const std::set<std::string>& names);
  void apply_qdisc(const std::string& name);

  mutable std::mutex mu_;
  std::map<std::string, NetnsHost> hosts_;
  std::set<std::pair<std::string, std::string>> cuts_;  // (from, to): packets from -> to dropped
  std::map<std::string, double> loss_;                  // host -> probability
  std::map<std::string, int> bandwidth_;                // host -> kbit/s
  std::set<std::string> touched_;                       // hosts with rules or a qdisc to undo
};

}  // namespace rrt
