// Streams history records to a JSON Lines file while a run goes on (format: docs/history.md).
//
// Memory stays bounded: records are formatted straight into a small buffer that is written to
// the file whenever it fills or when flush() is called, so a crash loses at most one buffer.
// Thread-safety: a HistoryWriter may be shared by threads; each thread records through its own
// HistoryWriter::Buffer, which takes the writer's lock only to hand over a full buffer.
#pragma once

#include <cstdio>
#include <mutex>
#include <string>

#include "history/op.h"

namespace rrt {

class HistoryWriter {
 public:
  // Creates (truncates) `path`; throws EnvironmentError if it cannot.
  explicit HistoryWriter(const std::string& path);
  ~HistoryWriter();
  HistoryWriter(const HistoryWriter&) = delete;
  HistoryWriter& operator=(const HistoryWriter&) = delete;

  // One thread's staging area. Must not outlive its writer.
  class Buffer {
   public:
    explicit Buffer(HistoryWriter* writer, size_t capacity = 64 * 1024);
    ~Buffer() { flush(); }
    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;

    void record(const Op& op);
    void flush();

   private:
    HistoryWriter* writer_;
    size_t capacity_;
    std::string data_;
  };

  // Appends already formatted lines; used by Buffer.
  void write(const std::string& lines);
  // Number of bytes written to the file so far.
  size_t bytes_written() const;

 private:
  mutable std::mutex mu_;
  FILE* file_ = nullptr;
  size_t bytes_ = 0;
};

// Appends one JSON line (with the trailing newline) for `op` to `out`.
void append_op_json(const Op& op, std::string* out);
// Appends `text` as a quoted JSON string.
void append_json_string(const std::string& text, std::string* out);

}  // namespace rrt
