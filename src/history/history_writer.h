// Streams history records to a file while a run goes on, as JSON Lines or in the compact form
// (history/compact_history.h); docs/history.md describes both, and read_history reads both.
//
// Memory stays bounded: records are formatted straight into a small buffer that is written to
// the file whenever it fills or when flush() is called, so a crash loses at most one buffer.
// Thread-safety: a HistoryWriter may be shared by threads; each thread records through its own
// HistoryWriter::Buffer, which takes the writer's lock only to hand over a full buffer. Records
// are encoded by append_op_json (history/op_json.h), fast enough for `rrt bench`'s hot path.
#pragma once

#include <cstdio>
#include <memory>
#include <mutex>
#include <string>

#include "history/compact_history.h"
#include "history/op_json.h"

namespace rrt {

enum class HistoryEncoding : uint8_t { kJsonl, kCompact };

// Parses "jsonl" / "compact"; throws UsageError naming the choices otherwise.
HistoryEncoding parse_history_encoding(const std::string& text);
const char* history_encoding_name(HistoryEncoding encoding);

class HistoryWriter {
 public:
  // Creates (truncates) `path` (writing the compact form's magic); throws EnvironmentError if it
  // cannot.
  explicit HistoryWriter(const std::string& path,
                         HistoryEncoding encoding = HistoryEncoding::kJsonl);
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

    void record(const Op& op) {
      if (compact_) {
        compact_->append(op, &data_);
      } else {
        append_op_json(op, &data_);
      }
      if (data_.size() >= capacity_) flush();
    }
    void flush();

   private:
    HistoryWriter* writer_;
    size_t capacity_;
    std::string data_;                         // lines, or a compact frame's payload
    std::unique_ptr<CompactEncoder> compact_;  // set for the compact form
    std::string frame_;                        // the framed payload, reused
  };

  HistoryEncoding encoding() const { return encoding_; }

  // Appends already formatted lines; used by Buffer.
  void write(const std::string& lines);
  // Number of bytes written to the file so far.
  size_t bytes_written() const;

 private:
  mutable std::mutex mu_;
  HistoryEncoding encoding_;
  FILE* file_ = nullptr;
  size_t bytes_ = 0;
};

}  // namespace rrt
