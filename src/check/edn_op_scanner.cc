#include "check/edn_op_scanner.h"

#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace rrt {

namespace {

enum Key { kProcess, kType, kF, kValue, kTime, kIndex, kKey, kError, kNode };

int key_index(std::string_view name) {
  auto is = [&](std::string_view n, Key k) { return name == n ? k : -1; };
  switch (name[0]) {  // one comparison per key: this runs five times per op
    case 'p':
      return is("process", kProcess);
    case 't':
      return name.size() == 4 && name[1] == 'y' ? is("type", kType) : is("time", kTime);
    case 'f':
      return is("f", kF);
    case 'v':
      return is("value", kValue);
    case 'i':
      return is("index", kIndex);
    case 'k':
      return is("key", kKey);
    case 'e':
      return is("error", kError);
    case 'n':
      return is("node", kNode);
  }
  return -1;
}

class OpScanner {
 public:
  explicit OpScanner(std::string_view text) : p_(text.data()), end_(p_ + text.size()) {}

  size_t scan(Op* op) {
    const char* start = p_;
    unsigned seen = 0;  // keys read, by bit: a repeated one is left to the general reader
    if (!eat('{')) return 0;
    while (space(), !eat('}')) {
      std::string_view name, text;
      if (!keyword(&name)) return 0;
      int key = key_index(name);
      if (key < 0 || seen >> key & 1) return 0;
      seen |= 1u << key;
      space();
      bool ok = true;
      switch (key) {
        case kProcess:
          ok = integer(&op->process);
          break;
        case kType:
          ok = keyword(&text) && parse_op_type(std::string(text), &op->type);
          break;
        case kF:
          ok = word(&text);
          op->f.assign(text);
          break;
        case kValue:
          ok = value(&op->value, 0);
          break;
        case kTime:
          ok = integer(&op->time);
          break;
        case kIndex:
          ok = integer(&op->index);
          break;
        case kKey:
          ok = text_of(&op->key, false);
          break;
        case kError:
          ok = text_of(&op->error, true);
          break;
        case kNode:
          ok = text_of(&op->node, true);
          break;
      }
      if (!ok) return 0;
    }
    constexpr unsigned kNeeded = 1u << kProcess | 1u << kType | 1u << kF;
    return (seen & kNeeded) == kNeeded ? static_cast<size_t>(p_ - start) : 0;
  }

 private:
  // Character classes, by table: most of the time goes to looking at characters.
  enum : uint8_t { kSpace = 1, kDelimiter = 2 };
  static const std::array<uint8_t, 256>& classes() {
    static const std::array<uint8_t, 256> table = [] {
      std::array<uint8_t, 256> t{};
      for (unsigned char c : std::string_view(" ,\n\t\r")) t[c] = kSpace | kDelimiter;
      for (unsigned char c : std::string_view("{}[]()\";#")) t[c] = kDelimiter;
      return t;
    }();
    return table;
  }
  static bool delimiter(char c) { return classes()[static_cast<unsigned char>(c)] & kDelimiter; }
  void space() {
    while (p_ != end_ && classes()[static_cast<unsigned char>(*p_)] & kSpace) ++p_;
  }
  bool eat(char c) {
    if (p_ == end_ || *p_ != c) return false;
    ++p_;
    return true;
  }
  // A bare token (keyword name after ':', symbol, number): up to the next delimiter.
  std::string_view token() {
    const char* start = p_;
    while (p_ != end_ && !delimiter(*p_)) ++p_;
    return {start, static_cast<size_t>(p_ - start)};
  }
  bool keyword(std::string_view* name) {
    if (!eat(':')) return false;
    *name = token();
    return !name->empty();
  }
  bool string(std::string_view* text) {
    if (!eat('"')) return false;
    const char* start = p_;
    auto* close = static_cast<const char*>(std::memchr(p_, '"', end_ - p_));
    if (!close || std::memchr(start, '\\', close - start)) return false;
    *text = {start, static_cast<size_t>(close - start)};
    p_ = close + 1;
    return true;
  }
  // A keyword's name or a string, as the general reader names :f.
  bool word(std::string_view* text) {
    if (p_ != end_ && *p_ == '"') return string(text);
    return keyword(text);
  }
  bool integer(int64_t* out) {
    std::string_view t = token();
    auto [next, ec] = std::from_chars(t.data(), t.data() + t.size(), *out);
    return ec == std::errc() && next == t.data() + t.size();
  }
  // :key, :error, :node: a string or keyword as it is, an integer in decimal; nil for none
  // where `nil_is_none` (the general reader keys a nil :key "nil", left to it).
  bool text_of(std::string* out, bool nil_is_none) {
    std::string_view text;
    if (p_ != end_ && (*p_ == '"' || *p_ == ':')) {
      if (!word(&text)) return false;
      out->assign(text);
      return true;
    }
    text = token();
    if (text == "nil" && nil_is_none) return out->clear(), true;
    int64_t n = 0;
    auto [next, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || next != text.data() + text.size()) return false;
    *out = std::to_string(n);
    return true;
  }
  bool value(Value* out, int depth) {
    if (p_ == end_ || depth > 16) return false;
    std::string_view text;
    if (*p_ == '"' || *p_ == ':') {
      if (!word(&text)) return false;
      *out = Value::of(std::string(text));
      return true;
    }
    if (*p_ == '[') {
      ++p_;
      std::vector<Value> items;
      while (space(), !eat(']')) {
        items.emplace_back();
        if (!value(&items.back(), depth + 1)) return false;
      }
      *out = Value::list(std::move(items));
      return true;
    }
    text = token();
    if (text == "nil") return *out = Value::nil(), true;
    if (text == "true" || text == "false") return *out = Value::of(std::string(text)), true;
    int64_t n = 0;
    auto [next, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || next != text.data() + text.size()) return false;
    *out = Value::of(n);
    return true;
  }

  const char* p_;
  const char* end_;
};

}  // namespace

size_t scan_edn_op(std::string_view text, Op* op) {
  return OpScanner(text).scan(op);
}

}  // namespace rrt
