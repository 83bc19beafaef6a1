// The network faults a set of TCP fault proxies applies, as rules between named hosts. A proxy
// knows both ends of every connection it carries (the source by its address, the destination is
// the node it fronts), so it asks effect(from, to) for each chunk of bytes it forwards.
// Thread-safe: the runner changes rules while the proxies' thread reads them.
#pragma once

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <utility>

#include "base/clock.h"

namespace rrt {

// What happens to bytes sent from one host to another.
struct LinkEffect {
  // A cut link: bytes wait until it heals, as TCP segments over a cut link are retransmitted
  // until they get through (or a timeout gives up). Nothing is lost, nothing arrives.
  bool held = false;
  Nanos latency = 0;
  Nanos jitter = 0;  // each chunk's delay is latency + uniform(-jitter, +jitter), never < 0
  // A lost packet costs TCP a retransmission: with this probability a chunk is delayed by
  // kRetransmitDelay (the Linux minimum RTO) on top of its latency.
  double loss = 0;
  int kbit_per_s = 0;  // 0: no cap

  bool none() const { return !held && latency == 0 && jitter == 0 && loss == 0 && kbit_per_s == 0; }
};

inline constexpr Nanos kRetransmitDelay = 200 * kMillis;

class LinkRules {
 public:
  void cut(const std::string& from, const std::string& to);
  // Faults on everything `node` sends (to anyone).
  void set_latency(const std::string& node, Nanos delay, Nanos jitter);
  void set_loss(const std::string& node, double probability);
  void set_bandwidth(const std::string& node, int kbit_per_s);  // 0: no cap
  void clear();

  LinkEffect effect(const std::string& from, const std::string& to) const;

  // Bandwidth caps are per sending host, shared by all its connections (a shared token bucket):
  // returns when `bytes` sent by `from` at `now` have left it, at its capped rate, or `now` if
  // it has no cap.
  Nanos transmit_done(const std::string& from, size_t bytes, Nanos now);

 private:
  struct Egress {
    Nanos latency = 0;
    Nanos jitter = 0;
    double loss = 0;
    int kbit_per_s = 0;
    Nanos busy_until = 0;  // the token bucket: when the last reserved byte has left
  };
  mutable std::mutex mu_;
  std::set<std::pair<std::string, std::string>> cuts_;
  std::map<std::string, Egress> egress_;
};

}  // namespace rrt
