// Helpers for integration tests of netns hosts (root only): skip without root, run a shell
// command, list what a lab's network could leave behind.
#pragma once

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#define REQUIRE_ROOT() \
  if (geteuid() != 0) GTEST_SKIP() << "netns hosts need root"

namespace rrt::testing {

// What `command` (run by /bin/sh) prints on stdout.
inline std::string shell(const std::string& command) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  char buf[512];
  while (p && fgets(buf, sizeof buf, p)) out += buf;
  if (p) pclose(p);
  return out;
}

// Namespaces named for lab `lab`, and rules in the root namespace's iptables and nftables
// tables that mention rrt: empty when the lab's network left nothing behind.
inline std::string leftovers(const std::string& lab) {
  return shell(
      fmt::format("ip netns list | grep rrt-{0}-; iptables-save 2>/dev/null | grep rrt; "
                  "nft list ruleset 2>/dev/null | grep rrt",
                  lab));
}

}  // namespace rrt::testing
