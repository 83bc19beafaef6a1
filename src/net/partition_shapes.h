// Partition shapes, as Jepsen's nemesis names them, built from a list of host names in the
// caller's order (shuffle first for a random shape). Pure functions: no network is touched.
//
// Most shapes are groups for NetworkFaults::partition (hosts in different groups cannot talk;
// hosts in no group talk to everyone). Shapes that are not groups (majorities-ring) are a
// Grudge: for each host, the hosts whose packets it drops; apply_grudge() applies one.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "net/network_faults.h"

namespace rrt {

using Groups = std::vector<std::vector<std::string>>;
using Grudge = std::map<std::string, std::set<std::string>>;

// `targets` alone against everyone else in `hosts`. UsageError if a target is not in `hosts`.
Groups isolate(const std::vector<std::string>& hosts, const std::vector<std::string>& targets);
// Two halves, the smaller first: [1 2 3 4 5] -> [1 2] [3 4 5] (Jepsen's bisect).
Groups halves(const std::vector<std::string>& hosts);
// A majority (n/2 + 1 hosts, first in the list) and the minority (the rest):
// [1 2 3 4] -> [1 2 3] [4].
Groups majority_minority(const std::vector<std::string>& hosts);
// Two halves, but the first host of the second half (the bridge) talks to both:
// [1 2 3 4 5] -> [1 2] [4 5], host 3 in no group (Jepsen's bridge).
Groups bridge(const std::vector<std::string>& hosts);
// Every host sees a majority (itself and its ring neighbours), and no two hosts see the same
// majority (Jepsen's majorities-ring): with 5 hosts, host i hears only i-1, i and i+1.
Grudge majorities_ring(const std::vector<std::string>& hosts);

// The grudge equivalent to a partition into `groups`.
Grudge grudge_of(const Groups& groups);
// Applies `grudge` with one-way cuts: for each host h and each g in grudge[h], cut g -> h.
void apply_grudge(NetworkFaults& network, const Grudge& grudge);

}  // namespace rrt
