// Jepsen histories in EDN (history.edn) as rrt histories.
//
// Accepted layouts: one vector (or list) of op maps, or op maps one after another (one per
// line, as Jepsen writes them). Each op map has :process (an integer, or :nemesis, whose ops
// are skipped), :type (:invoke :ok :fail :info), :f (keyword, symbol or string) and optionally
// :value, :time (ns), :index, :key, :error and :node. Values may be nil, integers, strings,
// keywords (kept as their name), booleans ("true"/"false") and vectors, lists or sets of those.
// Keyed [k v] values are left as they are; see independent_keys.h.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "history/op.h"

namespace rrt {

// Parses `text`; `source` names it in errors ("path:line:column: expected ..."). Ops keep file
// order; Op::index is :index when given, else the op's position.
History parse_edn_history(std::string_view text, const std::string& source);

// Reads `path`. Throws EnvironmentError if it cannot be read, UsageError if it is malformed.
History read_edn_history(const std::string& path);

// Writes `history` one op map per line ({:process 3, :type :ok, :f :read, :key "k", :value 1,
// :time 12}), so Jepsen tools, other checkers and parse_edn_history can read it. :key, :error
// and :node are written when not empty.
void write_edn_history(const History& history, std::ostream& out);

}  // namespace rrt
