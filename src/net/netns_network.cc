#include "net/netns_network.h"

#include <fmt/format.h>

#include "base/errors.h"
#include "base/run_tool.h"

namespace rrt {

void NetnsNetwork::add_host(NetnsHost host) {
  std::lock_guard lock(mu_);
  std::string name = host.name;
  hosts_[name] = std::move(host);
}

const NetnsHost& NetnsNetwork::host(const std::string& name) const {
  auto it = hosts_.find(name);
  if (it != hosts_.end()) return it->second;
  std::string names;
  for (const auto& [n, h] : hosts_) names += (names.empty() ? "" : ", ") + n;
  throw UsageError(
      fmt::format("no host named '{}' on this lab's network (hosts: {})", name, names));
}

std::string NetnsNetwork::filter_table(const std::string& name) const {
  std::string t = "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n";
  for (const auto& [from, to] : cuts_) {
    if (to == name) t += fmt::format("-A INPUT -s {}/32 -j DROP\n", host(from).address);
  }
  if (auto it = loss_.find(name); it != loss_.end()) {
    t += fmt::format("-A OUTPUT -o eth0 -m statistic --mode random --probability {:.6f} -j DROP\n",
                     it->second);
  }
  return t + "COMMIT\n";
}

void NetnsNetwork::apply_rules(const std::set<std::string>& names) {
  std::vector<ToolCall> calls;
  for (const auto& name : names) {
    calls.push_back({{"iptables-restore"}, host(name).netns, filter_table(name)});
    touched_.insert(name);
  }
  must_run_tools(calls);
}

void NetnsNetwork::apply_qdisc(const std::string& name) {
  const NetnsHost& h = host(name);
  touched_.insert(name);
  auto it = bandwidth_.find(name);
  if (it == bandwidth_.end()) {
    run_tool({"tc", "qdisc", "del", "dev", "eth0", "root"}, h.netns);  // fails if there is none
    return;
  }
  // The bucket holds 20 ms of traffic, and at least a few full-size packets: tbf drops packets
  // bigger than its bucket.
  long long burst = std::max(16'000LL, it->second * 1000LL / 8 / 50);
  must_run_tool(
      {"tc", "qdisc", "replace", "dev", "eth0", "root", "tbf", "rate",
       fmt::format("{}kbit", it->second), "burst", std::to_string(burst), "latency", "200ms"},
      h.netns);
}

void NetnsNetwork::partition(const std::vector<std::vector<std::string>>& groups) {
  std::lock_guard lock(mu_);
  std::set<std::string> seen, changed;
  for (const auto& group : groups) {
    for (const auto& name : group) {
      host(name);  // every name must exist before anything changes
      if (!seen.insert(name).second) {
        throw UsageError(fmt::format("'{}' is in two partition groups", name));
      }
    }
  }
  for (size_t i = 0; i < groups.size(); ++i) {
    for (size_t j = 0; j < groups.size(); ++j) {
      if (i == j) continue;
      for (const auto& a : groups[i]) {
        for (const auto& b : groups[j]) {
          cuts_.insert({a, b});
          changed.insert(b);
        }
      }
    }
  }
  apply_rules(changed);
}

void NetnsNetwork::cut_one_way(const std::string& from, const std::string& to) {
  std::lock_guard lock(mu_);
  host(from), host(to);
  cuts_.insert({from, to});
  apply_rules({to});
}

void NetnsNetwork::loss(const std::string& node, double percent) {
  std::lock_guard lock(mu_);
  host(node);
  if (percent < 0 || percent > 100) {
    throw UsageError(fmt::format("bad loss {}%: expected 0 to 100", percent));
  }
  if (percent == 0) {
    loss_.erase(node);
  } else {
    loss_[node] = percent / 100;
  }
  apply_rules({node});
}

void NetnsNetwork::bandwidth(const std::string& node, int kbit_per_s) {
  std::lock_guard lock(mu_);
  host(node);
  if (kbit_per_s < 0) throw UsageError(fmt::format("bad bandwidth {} kbit/s", kbit_per_s));
  if (kbit_per_s == 0) {
    bandwidth_.erase(node);
  } else {
    bandwidth_[node] = kbit_per_s;
  }
  apply_qdisc(node);
}

void NetnsNetwork::latency(const std::string& node, Nanos delay, Nanos jitter) {
  throw UsageError(kNetnsNoLatency);
}

void NetnsNetwork::heal() {
  std::lock_guard lock(mu_);
  std::set<std::string> touched = std::move(touched_);
  touched_.clear();
  cuts_.clear();
  loss_.clear();
  bool had_bandwidth = !bandwidth_.empty();
  std::map<std::string, int> caps = std::move(bandwidth_);
  bandwidth_.clear();
  apply_rules(touched);
  if (had_bandwidth) {
    for (const auto& [name, kbit] : caps) apply_qdisc(name);
  }
  touched_.clear();
}

}  // namespace rrt
