#include "check/edn_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "base/errors.h"

namespace rrt {

namespace {

constexpr int kMaxDepth = 256;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == '\f';
}
bool is_delimiter(char c) {
  return is_space(c) || c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}' ||
         c == '"' || c == ';';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

void append_utf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    *out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out += static_cast<char>(0xC0 | (cp >> 6));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out += static_cast<char>(0xE0 | (cp >> 12));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

const Edn* Edn::get(std::string_view name) const {
  if (kind != Kind::kMap) return nullptr;
  for (size_t i = 0; i + 1 < items.size(); i += 2) {
    if (items[i].is_keyword(name)) return &items[i + 1];
  }
  return nullptr;
}

std::string edn_to_string(const Edn& edn) {
  std::string out;
  switch (edn.kind) {
    case Edn::Kind::kNil:
      return "nil";
    case Edn::Kind::kBool:
      return edn.boolean ? "true" : "false";
    case Edn::Kind::kInt:
      return std::to_string(edn.integer);
    case Edn::Kind::kFloat:
      return fmt::format("{}", edn.real);
    case Edn::Kind::kString:
      return "\"" + edn.text + "\"";
    case Edn::Kind::kKeyword:
      return ":" + edn.text;
    case Edn::Kind::kSymbol:
      return edn.text;
    case Edn::Kind::kVector:
      out = "[";
      break;
    case Edn::Kind::kList:
      out = "(";
      break;
    case Edn::Kind::kMap:
      out = "{";
      break;
    case Edn::Kind::kSet:
      out = "#{";
      break;
  }
  for (size_t i = 0; i < edn.items.size() && out.size() < 60; ++i) {
    out += (i ? " " : "") + edn_to_string(edn.items[i]);
  }
  if (out.size() >= 60) {
    out.resize(57);
    out.append("...");
  }
  out += edn.kind == Edn::Kind::kVector ? "]" : edn.kind == Edn::Kind::kList ? ")" : "}";
  return out;
}

EdnReader::EdnReader(std::string_view text, std::string source)
    : text_(text), source_(std::move(source)) {}

void EdnReader::fail_at(int line, int column, const std::string& what) const {
  throw UsageError(fmt::format("{}:{}:{}: {}", source_, line, column, what));
}

void EdnReader::fail(const std::string& what) const {
  fail_at(line_, column_, what);
}

char EdnReader::next() {
  char c = text_[pos_++];
  if (c == '\n') {
    ++line_;
    column_ = 1;
  } else {
    ++column_;
  }
  return c;
}

std::string EdnReader::found() const {
  if (!more()) return "end of input";
  char c = peek();
  if (c == '\n') return "end of line";
  if (static_cast<unsigned char>(c) < 0x20) return fmt::format("byte 0x{:02x}", c);
  return fmt::format("'{}'", c);
}

void EdnReader::skip_space() {
  while (more()) {
    char c = peek();
    if (is_space(c)) {
      next();
    } else if (c == ';') {
      while (more() && peek() != '\n') next();
    } else if (c == '#' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '_') {
      next();
      next();
      read_form(1);  // discarded
    } else {
      return;
    }
  }
}

bool EdnReader::at_end() {
  skip_space();
  return !more();
}

Edn EdnReader::read() {
  return read_form(0);
}

void EdnReader::skip(size_t n) {
  const char* p = text_.data() + pos_;
  const char* end = p + std::min(n, text_.size() - pos_);
  pos_ = end - text_.data();
  for (const char* nl; (nl = static_cast<const char*>(std::memchr(p, '\n', end - p)));) {
    ++line_;
    column_ = 1;
    p = nl + 1;
  }
  column_ += static_cast<int>(end - p);
}

char EdnReader::peek_char() {
  skip_space();
  return more() ? peek() : '\0';
}

Edn EdnReader::read_form(int depth) {
  if (depth > kMaxDepth) fail(fmt::format("nesting deeper than {} levels", kMaxDepth));
  skip_space();
  if (!more()) fail("expected a value, found end of input");
  int line = line_, column = column_;
  Edn form;
  switch (peek()) {
    case '[':
      form = read_collection(Edn::Kind::kVector, ']', depth);
      break;
    case '(':
      form = read_collection(Edn::Kind::kList, ')', depth);
      break;
    case '{':
      form = read_collection(Edn::Kind::kMap, '}', depth);
      break;
    case '"':
      form = read_string();
      break;
    case '\\':
      form = read_char();
      break;
    case '#':
      form = read_dispatch(depth);
      break;
    case ')':
    case ']':
    case '}':
      fail(fmt::format("expected a value, found {}", found()));
    default:
      form = read_atom();
  }
  form.line = line;
  form.column = column;
  return form;
}

Edn EdnReader::read_collection(Edn::Kind kind, char close, int depth) {
  int line = line_, column = column_;
  const char* name = kind == Edn::Kind::kVector ? "vector"
                     : kind == Edn::Kind::kList ? "list"
                     : kind == Edn::Kind::kMap  ? "map"
                                                : "set";
  next();  // the opening bracket
  Edn form;
  form.kind = kind;
  for (;;) {
    skip_space();
    if (!more() || peek() == ')' || peek() == ']' || peek() == '}') {
      if (more() && peek() == close) break;
      fail(fmt::format("expected '{}' to close the {} opened at {}:{}, found {}", close, name, line,
                       column, found()));
    }
    form.items.push_back(read_form(depth + 1));
  }
  next();
  if (kind == Edn::Kind::kMap && form.items.size() % 2 != 0) {
    fail_at(line, column, "expected a value for every key of this map, found an odd count");
  }
  return form;
}

Edn EdnReader::read_string() {
  int line = line_, column = column_;
  next();  // the opening quote
  Edn form;
  form.kind = Edn::Kind::kString;
  for (;;) {
    if (!more()) fail_at(line, column, "expected '\"' to close this string, found end of input");
    char c = next();
    if (c == '"') return form;
    if (c != '\\') {
      form.text += c;
      continue;
    }
    if (!more()) fail_at(line, column, "expected '\"' to close this string, found end of input");
    char e = next();
    switch (e) {
      case 'n':
        form.text += '\n';
        break;
      case 't':
        form.text += '\t';
        break;
      case 'r':
        form.text += '\r';
        break;
      case 'b':
        form.text += '\b';
        break;
      case 'f':
        form.text += '\f';
        break;
      case '"':
      case '\\':
      case '/':
        form.text += e;
        break;
      case 'u': {
        uint32_t cp = 0;
        for (int i = 0; i < 4; ++i) {
          if (!more() || !isxdigit(static_cast<unsigned char>(peek()))) {
            fail(fmt::format("expected 4 hex digits after \\u, found {}", found()));
          }
          char h = next();
          cp = cp * 16 + (is_digit(h) ? h - '0' : (tolower(h) - 'a' + 10));
        }
        append_utf8(cp, &form.text);
        break;
      }
      default:
        fail(fmt::format("expected an escape (\\n \\t \\r \\\" \\\\ \\uXXXX), found '\\{}'", e));
    }
  }
}

Edn EdnReader::read_char() {
  next();  // the backslash
  size_t start = pos_;
  if (more()) next();  // a character may itself be a delimiter: \( or \space
  while (more() && !is_delimiter(peek())) next();
  std::string_view name = text_.substr(start, pos_ - start);
  Edn form;
  form.kind = Edn::Kind::kString;
  if (name == "newline")
    form.text = "\n";
  else if (name == "space")
    form.text = " ";
  else if (name == "tab")
    form.text = "\t";
  else if (name == "return")
    form.text = "\r";
  else if (name.size() == 1)
    form.text = std::string(name);
  else
    fail(fmt::format("expected a character after '\\', found \"{}\"", name));
  return form;
}

Edn EdnReader::read_dispatch(int depth) {
  int line = line_, column = column_;
  next();  // '#'
  if (!more()) fail("expected '{', a tag or '#' after '#', found end of input");
  if (peek() == '{') {
    Edn set = read_collection(Edn::Kind::kSet, '}', depth);
    return set;
  }
  if (peek() == '#') {  // ##Inf, ##-Inf, ##NaN
    next();
    Edn sym = read_atom();
    Edn form;
    form.kind = Edn::Kind::kFloat;
    if (sym.text == "Inf")
      form.real = HUGE_VAL;
    else if (sym.text == "-Inf")
      form.real = -HUGE_VAL;
    else if (sym.text == "NaN")
      form.real = NAN;
    else
      fail_at(line, column, "expected ##Inf, ##-Inf or ##NaN");
    return form;
  }
  if (is_delimiter(peek()) || is_digit(peek())) {
    fail(fmt::format("expected a tag name after '#', found {}", found()));
  }
  read_atom();  // the tag: its value is kept as is
  return read_form(depth + 1);
}

Edn EdnReader::read_atom() {
  int line = line_, column = column_;
  size_t start = pos_;
  while (more() && !is_delimiter(peek())) next();
  std::string token(text_.substr(start, pos_ - start));
  Edn form;
  if (token == "nil") return form;
  if (token == "true" || token == "false") {
    form.kind = Edn::Kind::kBool;
    form.boolean = token == "true";
    return form;
  }
  if (token[0] == ':') {
    if (token.size() == 1) fail_at(line, column, "expected a keyword name after ':'");
    form.kind = Edn::Kind::kKeyword;
    form.text = token.substr(1);
    return form;
  }
  bool signed_number =
      (token[0] == '+' || token[0] == '-') && token.size() > 1 && is_digit(token[1]);
  if (!is_digit(token[0]) && !signed_number) {
    form.kind = Edn::Kind::kSymbol;
    form.text = token;
    return form;
  }
  std::string digits = token;
  if (digits.back() == 'N') digits.pop_back();
  errno = 0;
  char* end = nullptr;
  long long i = std::strtoll(digits.c_str(), &end, 10);
  if (*end == '\0' && !digits.empty()) {
    if (errno == ERANGE) fail_at(line, column, fmt::format("integer {} out of range", token));
    form.kind = Edn::Kind::kInt;
    form.integer = i;
    return form;
  }
  digits = token;
  if (digits.back() == 'M') digits.pop_back();
  double d = std::strtod(digits.c_str(), &end);
  if (*end != '\0' || digits.empty()) {
    fail_at(line, column, fmt::format("expected a number, found \"{}\"", token));
  }
  form.kind = Edn::Kind::kFloat;
  form.real = d;
  return form;
}

}  // namespace rrt
