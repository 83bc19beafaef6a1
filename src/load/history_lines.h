// Fast history recording for the load engine's hot path.
//
// Produces exactly the lines HistoryWriter's append_op_json does (docs/history.md), about four
// times faster: no format strings, and plain-ASCII strings copied without a per-byte switch.
// Anything unusual (a list value, a string that needs escaping) falls back to the shared code,
// and a unit test pins the two encoders to the same bytes.
//
// RecordBuffer is one thread's staging area, like HistoryWriter::Buffer: it fills a bounded
// buffer and hands it to the writer when full, so memory stays bounded.
#pragma once

#include <string>

#include "history/history_writer.h"

namespace rrt {

// Appends the same JSON line as append_op_json(op, out).
void append_op_line(const Op& op, std::string* out);

class RecordBuffer {
 public:
  // `writer` must outlive this buffer.
  explicit RecordBuffer(HistoryWriter* writer, size_t capacity = 64 * 1024);
  ~RecordBuffer() { flush(); }
  RecordBuffer(const RecordBuffer&) = delete;
  RecordBuffer& operator=(const RecordBuffer&) = delete;

  void record(const Op& op) {
    append_op_line(op, &data_);
    if (data_.size() >= capacity_) flush();
  }
  void flush();

 private:
  HistoryWriter* writer_;
  size_t capacity_;
  std::string data_;
};

}  // namespace rrt
