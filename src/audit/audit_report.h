// What `rrt audit` prints: JSON with stable field names (docs/audit.md), or text grouped by
// severity for a terminal. Neither contains a password: the snapshot never holds one.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "audit/finding.h"
#include "audit/snapshot.h"

namespace rrt {

nlohmann::json audit_json(const Snapshot& snapshot, const std::vector<Finding>& findings);

// `width` is the terminal width the prose is wrapped to.
std::string audit_text(const Snapshot& snapshot, const std::vector<Finding>& findings,
                       int width = 100);

// 1 (kExitAnomaly) when any finding is high, else 0.
int audit_exit_code(const std::vector<Finding>& findings);

}  // namespace rrt
