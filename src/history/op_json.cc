#include "history/op_json.h"

#include <fmt/format.h>

#include <charconv>
#include <cstring>
#include <string_view>

namespace rrt {

// Length of the well-formed UTF-8 sequence (RFC 3629) starting at text[i], or 0 if the bytes
// there are not one: JSON text must be UTF-8, and the reader rejects anything else.
static size_t utf8_sequence_length(const std::string& text, size_t i) {
  auto byte = [&](size_t k) { return k < text.size() ? static_cast<unsigned char>(text[k]) : 0; };
  unsigned char c = byte(i);
  size_t len = 0;
  if (c >= 0xC2 && c <= 0xDF) len = 2;
  if (c >= 0xE0 && c <= 0xEF) len = 3;
  if (c >= 0xF0 && c <= 0xF4) len = 4;
  if (len == 0) return 0;  // ASCII, a continuation byte, or a byte UTF-8 never uses
  // The second byte's range excludes overlong forms, surrogates and code points past U+10FFFF.
  unsigned char lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
  unsigned char hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (size_t k = 2; k < len; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return len;
}

void append_json_string(const std::string& text, std::string* out) {
  out->push_back('"');
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        if (c < 0x20) {
          fmt::format_to(std::back_inserter(*out), "\\u{:04x}", c);
        } else if (c < 0x80) {
          out->push_back(static_cast<char>(c));
        } else if (size_t len = utf8_sequence_length(text, i)) {
          out->append(text, i, len);
          i += len - 1;
        } else {
          // Not UTF-8 (binary data): the byte becomes the code point of the same number, as
          // Latin-1 would read it, so the line stays valid JSON (docs/history.md).
          fmt::format_to(std::back_inserter(*out), "\\u{:04x}", c);
        }
    }
  }
  out->push_back('"');
}

static void append_value_json(const Value& value, std::string* out) {
  switch (value.kind) {
    case Value::Kind::kNil:
      out->append("null");
      break;
    case Value::Kind::kInt:
      fmt::format_to(std::back_inserter(*out), "{}", value.integer);
      break;
    case Value::Kind::kString:
      append_json_string(value.text, out);
      break;
    case Value::Kind::kList:
      out->push_back('[');
      for (size_t i = 0; i < value.items.size(); ++i) {
        if (i) out->push_back(',');
        append_value_json(value.items[i], out);
      }
      out->push_back(']');
      break;
  }
}

// The general encoder: escapes strings and nests lists.
static void append_op_json_general(const Op& op, std::string* out) {
  fmt::format_to(std::back_inserter(*out), "{{\"process\":{},\"type\":\"{}\",\"f\":", op.process,
                 op_type_name(op.type));
  append_json_string(op.f, out);
  if (!op.key.empty()) {
    out->append(",\"key\":");
    append_json_string(op.key, out);
  }
  if (!op.value.is_nil()) {
    out->append(",\"value\":");
    append_value_json(op.value, out);
  }
  fmt::format_to(std::back_inserter(*out), ",\"time\":{}", op.time);
  if (!op.node.empty()) {
    out->append(",\"node\":");
    append_json_string(op.node, out);
  }
  if (!op.error.empty()) {
    out->append(",\"error\":");
    append_json_string(op.error, out);
  }
  out->append("}\n");
}

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

void append_op_json(const Op& op, std::string* out) {
  bool string_value = op.value.kind == Value::Kind::kString;
  if (op.value.kind == Value::Kind::kList || !plain(op.f) || !plain(op.key) || !plain(op.node) ||
      !plain(op.error) || (string_value && !plain(op.value.text))) {
    append_op_json_general(op, out);  // rare: escapes and nesting
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

}  // namespace rrt
