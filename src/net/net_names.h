// Names and addresses of the network objects rrt creates for netns hosts. Every name starts with
// "rrt", so a sweep can tell rrt's objects from everyone else's (net/net_claims.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rrt {

// Short id of a lab's network: 6 hex digits of a hash of the lab's directory, so labs with the
// same name under different RRT_HOMEs get different bridges.
std::string lab_net_id(const std::string& lab_dir);
// "rrt-1a2b3c": 10 characters, within the kernel's 15 for interface names.
std::string bridge_name(const std::string& id);
// Host side of host `index`'s veth pair: "rrt1a2b3cv7" (the namespace side is "eth0").
std::string veth_name(const std::string& id, int index);
// "rrt-<lab>-<host>", e.g. "rrt-default-redis-1".
std::string netns_name(const std::string& lab, const std::string& host);
// True for names rrt gives namespaces and interfaces.
bool is_rrt_name(std::string_view name);

// An IPv4 network such as 10.213.4.0/24.
struct Ipv4Net {
  uint32_t addr = 0;  // host byte order
  int prefix = 32;

  bool overlaps(const Ipv4Net& other) const;
  // Address number `index` inside the network as text ("10.213.4.<index>").
  std::string host(int index) const;
  std::string to_string() const;  // "10.213.4.0/24"
};

// Parses "a.b.c.d" (a /32) or "a.b.c.d/n"; nullopt if it is neither.
std::optional<Ipv4Net> parse_ipv4_net(std::string_view text);

// Networks named by `ip -4 route show table all` and `ip -4 -o addr` output (the default route
// excluded: it overlaps everything and collides with nothing).
std::vector<Ipv4Net> networks_in_use(const std::string& ip_output);

// The first /24 in 10.213.0.0/16 that overlaps none of `in_use`; EnvironmentError if none is
// left.
Ipv4Net choose_subnet(const std::vector<Ipv4Net>& in_use);

}  // namespace rrt
