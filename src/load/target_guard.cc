#include "load/target_guard.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>

#include <cstring>

#include "base/errors.h"

namespace rrt {

static bool is_loopback(const sockaddr* address) {
  if (address->sa_family == AF_INET) {
    auto* v4 = reinterpret_cast<const sockaddr_in*>(address);
    return (ntohl(v4->sin_addr.s_addr) >> 24) == 127;
  }
  if (address->sa_family == AF_INET6) {
    auto* v6 = reinterpret_cast<const sockaddr_in6*>(address);
    if (IN6_IS_ADDR_LOOPBACK(&v6->sin6_addr)) return true;
    return IN6_IS_ADDR_V4MAPPED(&v6->sin6_addr) && v6->sin6_addr.s6_addr[12] == 127;
  }
  return false;
}

bool is_loopback_host(const std::string& host) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), nullptr, &hints, &found) != 0 || !found) return false;
  bool all = true;
  for (addrinfo* a = found; a; a = a->ai_next) all = all && is_loopback(a->ai_addr);
  freeaddrinfo(found);
  return all;
}

void check_load_target(const Endpoint& endpoint, bool allow_remote, double rate) {
  if (is_loopback_host(endpoint.host)) return;
  if (!allow_remote) {
    throw UsageError("refusing to send load to " + endpoint.to_string() +
                     ": not a loopback address (127.0.0.0/8, ::1). To load another server, pass "
                     "--allow-remote together with a --rate cap in ops/s.");
  }
  if (rate <= 0) {
    throw UsageError("--allow-remote needs a --rate cap (ops/s) before load goes to " +
                     endpoint.to_string());
  }
}

}  // namespace rrt
