// The fast path of the EDN history reader: one op map of the usual shape, read straight into
// an Op without building an Edn tree (which made reading a history cost more than checking it).
#pragma once

#include <cstddef>
#include <string_view>

#include "history/op.h"

namespace rrt {

// Reads the op map at the start of `text` ({:process 3, :type :ok, :f :read, :value [1 2]}),
// as parse_edn_history would, into *op (whose index is left alone). Returns the bytes it
// spans, or 0 for anything outside the usual shape: other keys, the nemesis, escapes in
// strings, comments, tags, floats, maps or sets as values, malformed text. The general reader
// then reads it, and words the errors.
size_t scan_edn_op(std::string_view text, Op* op);

}  // namespace rrt
