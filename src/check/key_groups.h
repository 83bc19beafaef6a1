// Groups calls by their key, in key order: the set, counter and stale-read checkers treat each
// key as an independent object and add up the numbers.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "check/calls.h"

namespace rrt {

// key -> indices into `calls`, each list in invocation order.
std::map<std::string, std::vector<size_t>> group_by_key(const History& history,
                                                        const std::vector<Call>& calls);

// At most this many anomalies are listed as evidence, so results stay readable.
constexpr size_t kMaxEvidence = 20;

}  // namespace rrt
