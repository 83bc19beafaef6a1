// The compact history format: the records of docs/history.md in about a sixth of the bytes of
// JSON Lines (docs/history.md, "Compact form", has the byte layout).
//
// A file starts with the 8-byte magic "RRTHIST1" and holds frames: [payload length: u32 LE]
// [crc32 of the payload: u32 LE][payload]. A payload is a run of records, each a header byte
// (type, value kind, which optional fields are present) followed by varints: the process and
// the time as zigzag deltas from the frame's previous record, strings (f, key, string values,
// node, error) as references into the frame's string table, a string's first use carrying its
// bytes. A frame stands alone (its table starts empty), so the frames of several threads'
// buffers interleave freely, and a crash loses at most the frame being written.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "history/op.h"

namespace rrt {

inline constexpr std::string_view kCompactMagic{"RRTHIST1", 8};

// True if `head` (a file's first bytes) starts with the compact format's magic.
bool is_compact_history(std::string_view head);

// Encodes records into one frame's payload. One per buffer, used by one thread.
class CompactEncoder {
 public:
  // Appends `op`'s record to `payload` (the frame being filled).
  void append(const Op& op, std::string* payload);
  // Appends the frame header and `payload` to `out`, and starts a new frame (empty table,
  // deltas from zero).
  void finish_frame(const std::string& payload, std::string* out);

 private:
  void string_ref(const std::string& text, std::string* out);
  void value(const Value& v, std::string* out);

  std::unordered_map<std::string, uint32_t> table_;  // string -> its reference (1-based)
  int64_t last_process_ = 0;
  Nanos last_time_ = 0;
};

// Decodes the frames of a compact history file read into `bytes` (magic included), appending
// the records to `out` in file order. A frame cut short at the end of the file (a crash of the
// writer) is dropped; any other damage (a wrong crc32, a record running past its frame, an
// unknown tag) throws UsageError naming `path` and the byte offset of the frame.
void decode_compact_history(const std::string& path, std::string_view bytes, History* out);

}  // namespace rrt
