#include "history/history_writer.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

#include "base/errors.h"

namespace rrt {

HistoryEncoding parse_history_encoding(const std::string& text) {
  if (text == "jsonl") return HistoryEncoding::kJsonl;
  if (text == "compact") return HistoryEncoding::kCompact;
  throw UsageError(fmt::format("history format '{}': expected jsonl or compact", text));
}

const char* history_encoding_name(HistoryEncoding encoding) {
  return encoding == HistoryEncoding::kCompact ? "compact" : "jsonl";
}

HistoryWriter::HistoryWriter(const std::string& path, HistoryEncoding encoding)
    : encoding_(encoding) {
  file_ = std::fopen(path.c_str(), "w");
  if (!file_) {
    throw EnvironmentError(
        fmt::format("cannot create history file {}: {}", path, std::strerror(errno)));
  }
  if (encoding == HistoryEncoding::kCompact) write(std::string(kCompactMagic));
}

HistoryWriter::~HistoryWriter() {
  if (file_) std::fclose(file_);
}

void HistoryWriter::write(const std::string& lines) {
  std::lock_guard lock(mu_);
  std::fwrite(lines.data(), 1, lines.size(), file_);
  std::fflush(file_);  // hand the bytes to the kernel: a crash of rrt keeps them
  bytes_ += lines.size();
}

size_t HistoryWriter::bytes_written() const {
  std::lock_guard lock(mu_);
  return bytes_;
}

HistoryWriter::Buffer::Buffer(HistoryWriter* writer, size_t capacity)
    : writer_(writer), capacity_(capacity) {
  data_.reserve(capacity + 1024);
  if (writer->encoding() == HistoryEncoding::kCompact)
    compact_ = std::make_unique<CompactEncoder>();
}

void HistoryWriter::Buffer::flush() {
  if (data_.empty()) return;
  if (compact_) {
    frame_.clear();
    compact_->finish_frame(data_, &frame_);
    writer_->write(frame_);
  } else {
    writer_->write(data_);
  }
  data_.clear();
}

}  // namespace rrt
