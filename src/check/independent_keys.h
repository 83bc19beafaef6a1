// Jepsen's "independent" histories carry the key inside the value: [k v] for a read or write,
// [k [expected new]] for a cas. This moves such keys into Op::key so every checker sees keys
// one way.
#pragma once

#include <string>

#include "history/op.h"

namespace rrt {

// Rewrites ops whose key is empty when the whole history is keyed. A history is keyed when it
// has at least one op that changes state (any f but read/get) with a non-nil value, and every
// such value is a two-element list [k v] (for cas, v must itself be a list [expected new],
// so an unkeyed cas [expected new] is never mistaken for a key). Then every op whose value is a
// two-element list gets key = k (integers as decimal text) and value = v. Returns whether the
// history was keyed.
bool split_tuple_keys(History* history);

}  // namespace rrt
