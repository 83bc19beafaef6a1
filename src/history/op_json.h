// One history record as one JSON line (format: docs/history.md).
//
// The encoder is built for the load engine's hot path: records of plain-ASCII strings and
// integer values (nearly all of them) are written without format strings or a per-byte switch;
// anything unusual (a list value, a string that needs escaping or is not UTF-8) takes the
// general path, which escapes and nests. Both paths write the same bytes for the same record.
#pragma once

#include <string>

#include "history/op.h"

namespace rrt {

// Appends one JSON line (with the trailing newline) for `op` to `out`.
void append_op_json(const Op& op, std::string* out);
// Appends `text` as a quoted JSON string: escapes as JSON requires; a byte that is not part of
// well-formed UTF-8 becomes the code point of the same number (\u00ff for 0xff).
void append_json_string(const std::string& text, std::string* out);

}  // namespace rrt
