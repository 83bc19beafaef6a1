// Reads a history written by HistoryWriter (docs/history.md) back into memory, in either form:
// JSON Lines, or the compact form, told apart by its magic bytes.
#pragma once

#include <string>

#include "history/op.h"

namespace rrt {

// Parses one JSON line into `op`. On malformed input returns false and sets `why` to what was
// wrong (e.g. `"type" must be one of invoke, ok, fail, info`).
bool parse_op_line(const std::string& line, Op* op, std::string* why);

// Reads every record of `path`, in time order (stable for equal times), and numbers them with
// `index`. Blank lines are skipped, and so is a malformed last line that has no newline (a
// record cut short when the writer crashed; in the compact form, a frame cut short). Throws
// UsageError naming the file and line (compact: byte offset) of the first malformed record, or
// EnvironmentError if the file cannot be read.
History read_history(const std::string& path);

}  // namespace rrt
