#include "net/net_names.h"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <sstream>

#include "base/errors.h"

namespace rrt {

std::string lab_net_id(const std::string& lab_dir) {
  uint32_t h = 2166136261u;  // FNV-1a
  for (unsigned char c : lab_dir) h = (h ^ c) * 16777619u;
  return fmt::format("{:06x}", h & 0xffffff);
}

std::string bridge_name(const std::string& id) {
  return "rrt-" + id;
}

std::string veth_name(const std::string& id, int index) {
  return fmt::format("rrt{}v{}", id, index);
}

std::string netns_name(const std::string& lab, const std::string& host) {
  return fmt::format("rrt-{}-{}", lab, host);
}

bool is_rrt_name(std::string_view name) {
  return name.substr(0, 3) == "rrt";
}

static uint32_t mask(int prefix) {
  return prefix == 0 ? 0 : ~uint32_t{0} << (32 - prefix);
}

bool Ipv4Net::overlaps(const Ipv4Net& other) const {
  uint32_t m = mask(std::min(prefix, other.prefix));
  return (addr & m) == (other.addr & m);
}

std::string Ipv4Net::host(int index) const {
  uint32_t a = (addr & mask(prefix)) + static_cast<uint32_t>(index);
  return fmt::format("{}.{}.{}.{}", a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255);
}

std::string Ipv4Net::to_string() const {
  return fmt::format("{}/{}", host(0), prefix);
}

std::optional<Ipv4Net> parse_ipv4_net(std::string_view text) {
  std::string s(text);
  Ipv4Net net;
  size_t slash = s.find('/');
  if (slash != std::string::npos) {
    try {
      size_t used = 0;
      net.prefix = std::stoi(s.substr(slash + 1), &used);
      if (used != s.size() - slash - 1 || net.prefix < 0 || net.prefix > 32) return std::nullopt;
    } catch (const std::exception&) {
      return std::nullopt;
    }
    s.resize(slash);
  }
  in_addr a{};
  if (inet_pton(AF_INET, s.c_str(), &a) != 1) return std::nullopt;
  net.addr = ntohl(a.s_addr);
  return net;
}

std::vector<Ipv4Net> networks_in_use(const std::string& ip_output) {
  std::vector<Ipv4Net> nets;
  std::istringstream lines(ip_output);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string word;
    // A route line names its network first, after an optional type ("local", "broadcast",
    // ...); an `ip -o addr` line names it after "inet".
    for (int i = 0; i < 5 && words >> word; ++i) {
      if (word == "default") break;
      if (word == "inet") continue;
      if (auto net = parse_ipv4_net(word)) {
        nets.push_back(*net);
        break;
      }
    }
  }
  return nets;
}

Ipv4Net choose_subnet(const std::vector<Ipv4Net>& in_use) {
  for (uint32_t third = 0; third < 256; ++third) {
    Ipv4Net candidate{(10u << 24) | (213u << 16) | (third << 8), 24};
    bool free = true;
    for (const auto& net : in_use) free = free && !candidate.overlaps(net);
    if (free) return candidate;
  }
  throw EnvironmentError(
      "no free /24 left in 10.213.0.0/16 for netns hosts: `rrt net cleanup` removes stale labs' "
      "bridges");
}

}  // namespace rrt
