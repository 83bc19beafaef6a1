// Clients on proxy hosts: a socket hook that binds every socket to one loopback source address,
// by which the lab's fault proxies know which client host a connection comes from (as the
// nodes' bind-source-addr lets them know the nodes). The whole of 127.0.0.0/8 is local on
// Linux, so binding to any loopback address needs no configuration and no root.
#pragma once

#include <functional>
#include <string>

namespace rrt {

// A hook for resp's ConnectOptions::open_socket: creates a TCP socket (close-on-exec) bound to
// `address` (an IPv4 address, port chosen by the kernel). Returns -1 with errno set if the
// socket cannot be made or bound (EADDRNOTAVAIL: not a local address), or for a family other
// than AF_INET (EAFNOSUPPORT).
std::function<int(int family)> source_address_opener(const std::string& address);

}  // namespace rrt
