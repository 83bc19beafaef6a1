#include "load/history_lines.h"

#include <charconv>
#include <cstring>
#include <string_view>

namespace rrt {

namespace {

// Plain ASCII that JSON takes as is: no control characters, quotes, backslashes or bytes that
// would need UTF-8 checking.
bool plain(const std::string& text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') return false;
  }
  return true;
}

// Writes into a buffer already large enough (the caller sized it for the whole line).
class LineWriter {
 public:
  explicit LineWriter(char* at) : p_(at) {}
  char* end() const { return p_; }

  template <size_t N>
  void literal(const char (&text)[N]) {
    std::memcpy(p_, text, N - 1);
    p_ += N - 1;
  }
  void text(std::string_view t) {
    std::memcpy(p_, t.data(), t.size());
    p_ += t.size();
  }
  void quoted(const std::string& t) {
    *p_++ = '"';
    text(t);
    *p_++ = '"';
  }
  void integer(int64_t value) { p_ = std::to_chars(p_, p_ + 20, value).ptr; }

 private:
  char* p_;
};

}  // namespace

void append_op_line(const Op& op, std::string* out) {
  bool string_value = op.value.kind == Value::Kind::kString;
  if (op.value.kind == Value::Kind::kList || !plain(op.f) || !plain(op.key) || !plain(op.node) ||
      !plain(op.error) || (string_value && !plain(op.value.text))) {
    append_op_json(op, out);  // rare in load; the shared encoder escapes and nests
    return;
  }
  // Field names, punctuation and three integers of at most 20 characters each fit in 128.
  size_t bound = 128 + op.f.size() + op.key.size() + op.node.size() + op.error.size() +
                 (string_value ? op.value.text.size() : 0);
  size_t start = out->size();
  out->resize(start + bound);
  LineWriter w(out->data() + start);
  w.literal("{\"process\":");
  w.integer(op.process);
  w.literal(",\"type\":\"");
  w.text(op_type_name(op.type));
  w.literal("\",\"f\":");
  w.quoted(op.f);
  if (!op.key.empty()) {
    w.literal(",\"key\":");
    w.quoted(op.key);
  }
  if (op.value.kind == Value::Kind::kInt) {
    w.literal(",\"value\":");
    w.integer(op.value.integer);
  } else if (string_value) {
    w.literal(",\"value\":");
    w.quoted(op.value.text);
  }
  w.literal(",\"time\":");
  w.integer(op.time);
  if (!op.node.empty()) {
    w.literal(",\"node\":");
    w.quoted(op.node);
  }
  if (!op.error.empty()) {
    w.literal(",\"error\":");
    w.quoted(op.error);
  }
  w.literal("}\n");
  out->resize(w.end() - out->data());
}

RecordBuffer::RecordBuffer(HistoryWriter* writer, size_t capacity)
    : writer_(writer), capacity_(capacity) {
  data_.reserve(capacity + 1024);
}

void RecordBuffer::flush() {
  if (data_.empty()) return;
  writer_->write(data_);
  data_.clear();
}

}  // namespace rrt
