#include "load/history_lines.h"

#include <charconv>

namespace rrt {

// Appends `text` quoted; plain ASCII needing no escapes (the common case) is copied whole.
// Anything else, including non-ASCII bytes that must be checked for UTF-8, takes the shared path.
static void append_string(const std::string& text, std::string* out) {
  for (unsigned char c : text) {
    if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
      append_json_string(text, out);
      return;
    }
  }
  out->push_back('"');
  out->append(text);
  out->push_back('"');
}

static void append_int(int64_t value, std::string* out) {
  char digits[24];
  char* end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out->append(digits, end - digits);
}

void append_op_line(const Op& op, std::string* out) {
  if (op.value.kind == Value::Kind::kList) {
    append_op_json(op, out);  // rare in load; the shared encoder handles nesting
    return;
  }
  out->append("{\"process\":", 11);
  append_int(op.process, out);
  out->append(",\"type\":\"", 9);
  out->append(op_type_name(op.type));
  out->append("\",\"f\":", 6);
  append_string(op.f, out);
  if (!op.key.empty()) {
    out->append(",\"key\":", 7);
    append_string(op.key, out);
  }
  if (op.value.kind == Value::Kind::kInt) {
    out->append(",\"value\":", 9);
    append_int(op.value.integer, out);
  } else if (op.value.kind == Value::Kind::kString) {
    out->append(",\"value\":", 9);
    append_string(op.value.text, out);
  }
  out->append(",\"time\":", 8);
  append_int(op.time, out);
  if (!op.node.empty()) {
    out->append(",\"node\":", 8);
    append_string(op.node, out);
  }
  if (!op.error.empty()) {
    out->append(",\"error\":", 9);
    append_string(op.error, out);
  }
  out->append("}\n", 2);
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
