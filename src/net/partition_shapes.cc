#include "net/partition_shapes.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/errors.h"

namespace rrt {

using Names = std::vector<std::string>;

static Names slice(const Names& v, size_t from, size_t to) {
  return Names(v.begin() + static_cast<long>(from), v.begin() + static_cast<long>(to));
}

Groups isolate(const Names& hosts, const Names& targets) {
  Names rest;
  for (const auto& t : targets) {
    if (std::find(hosts.begin(), hosts.end(), t) == hosts.end()) {
      throw UsageError(fmt::format("cannot isolate '{}': not one of the hosts", t));
    }
  }
  for (const auto& h : hosts) {
    if (std::find(targets.begin(), targets.end(), h) == targets.end()) rest.push_back(h);
  }
  return {targets, rest};
}

Groups halves(const Names& hosts) {
  size_t half = hosts.size() / 2;
  return {slice(hosts, 0, half), slice(hosts, half, hosts.size())};
}

Groups majority_minority(const Names& hosts) {
  size_t majority = hosts.size() / 2 + 1;
  if (hosts.size() < 2) throw UsageError("majority-minority needs at least 2 hosts");
  return {slice(hosts, 0, majority), slice(hosts, majority, hosts.size())};
}

Groups bridge(const Names& hosts) {
  if (hosts.size() < 3) throw UsageError("a bridge partition needs at least 3 hosts");
  size_t half = hosts.size() / 2;
  return {slice(hosts, 0, half), slice(hosts, half + 1, hosts.size())};
}

Grudge majorities_ring(const Names& hosts) {
  size_t n = hosts.size();
  if (n < 3) throw UsageError("majorities-ring needs at least 3 hosts");
  size_t m = n / 2 + 1;
  Grudge grudge;
  // Window k holds hosts k .. k+m-1 (around the ring); its middle host sees just that window.
  for (size_t k = 0; k < n; ++k) {
    std::set<std::string> window;
    for (size_t j = 0; j < m; ++j) window.insert(hosts[(k + j) % n]);
    const std::string& middle = hosts[(k + m / 2) % n];
    for (const auto& h : hosts) {
      if (!window.count(h)) grudge[middle].insert(h);
    }
  }
  return grudge;
}

Grudge grudge_of(const Groups& groups) {
  Grudge grudge;
  for (size_t i = 0; i < groups.size(); ++i) {
    for (size_t j = 0; j < groups.size(); ++j) {
      if (i == j) continue;
      for (const auto& h : groups[i]) grudge[h].insert(groups[j].begin(), groups[j].end());
    }
  }
  return grudge;
}

void apply_grudge(NetworkFaults& network, const Grudge& grudge) {
  for (const auto& [host, dropped] : grudge) {
    for (const auto& from : dropped) network.cut_one_way(from, host);
  }
}

}  // namespace rrt
