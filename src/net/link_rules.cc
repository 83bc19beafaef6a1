#include "net/link_rules.h"

#include <algorithm>

namespace rrt {

void LinkRules::cut(const std::string& from, const std::string& to) {
  std::lock_guard lock(mu_);
  cuts_.insert({from, to});
}

void LinkRules::set_latency(const std::string& node, Nanos delay, Nanos jitter) {
  std::lock_guard lock(mu_);
  egress_[node].latency = delay;
  egress_[node].jitter = jitter;
}

void LinkRules::set_loss(const std::string& node, double probability) {
  std::lock_guard lock(mu_);
  egress_[node].loss = probability;
}

void LinkRules::set_bandwidth(const std::string& node, int kbit_per_s) {
  std::lock_guard lock(mu_);
  egress_[node].kbit_per_s = kbit_per_s;
}

void LinkRules::clear() {
  std::lock_guard lock(mu_);
  cuts_.clear();
  egress_.clear();
}

LinkEffect LinkRules::effect(const std::string& from, const std::string& to) const {
  std::lock_guard lock(mu_);
  LinkEffect e;
  e.held = cuts_.count({from, to}) > 0;
  if (auto it = egress_.find(from); it != egress_.end()) {
    e.latency = it->second.latency;
    e.jitter = it->second.jitter;
    e.loss = it->second.loss;
    e.kbit_per_s = it->second.kbit_per_s;
  }
  return e;
}

Nanos LinkRules::transmit_done(const std::string& from, size_t bytes, Nanos now) {
  std::lock_guard lock(mu_);
  auto it = egress_.find(from);
  if (it == egress_.end() || it->second.kbit_per_s <= 0) return now;
  Egress& e = it->second;
  // bits / (kbit/s * 1000) seconds, in nanoseconds
  Nanos cost = static_cast<Nanos>(bytes) * 8 * 1'000'000 / e.kbit_per_s;
  e.busy_until = std::max(e.busy_until, now) + cost;
  return e.busy_until;
}

}  // namespace rrt
