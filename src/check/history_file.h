// Reads a history file in either format `rrt check` accepts: rrt's JSON Lines (docs/history.md)
// or a Jepsen EDN history.
#pragma once

#include <string>
#include <string_view>

#include "history/op.h"

namespace rrt {

enum class HistoryFormat { kJsonl, kEdn };

// EDN when the path ends in .edn, or when the first significant text is '[', '(', ';' or
// '{' followed by ':' (EDN maps have keyword keys, JSON objects have "quoted" ones).
HistoryFormat detect_history_format(const std::string& path, std::string_view head);

// Throws EnvironmentError if the file cannot be read, UsageError (naming line and column where
// known) if it is malformed.
History read_any_history(const std::string& path);

}  // namespace rrt
