// A small reader for EDN (extensible data notation), the format of Jepsen's history.edn.
//
// Hand-written because Debian packages no EDN library for C++. It reads the subset histories
// use: nil, true/false, integers (with an optional N suffix), floats, strings, characters,
// keywords, symbols, vectors, lists, maps and sets; `;` comments, commas as whitespace, `#_`
// discards, and tagged literals (#inst "...", #jepsen.independent/tuple [k v]) whose tag is
// dropped. Errors name the line and column and what was expected. Nesting deeper than 256
// levels is refused, so hostile input cannot exhaust the stack.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rrt {

struct Edn {
  enum class Kind {
    kNil,
    kBool,
    kInt,
    kFloat,
    kString,
    kKeyword,
    kSymbol,
    kVector,
    kList,
    kMap,
    kSet
  };
  Kind kind = Kind::kNil;
  bool boolean = false;
  int64_t integer = 0;
  double real = 0;
  std::string text;          // string contents; keyword or symbol name without the ':'
  std::vector<Edn> items;    // elements; for a map: key, value, key, value, ...
  int line = 0, column = 0;  // where the form starts, 1-based

  bool is_keyword(std::string_view name) const { return kind == Kind::kKeyword && text == name; }
  // The value stored under keyword `name` in a map, or nullptr.
  const Edn* get(std::string_view name) const;
};

// Printed form for messages: "nil", "42", "\"abc\"", ":ok", "[...]"; truncated when long.
std::string edn_to_string(const Edn& edn);

class EdnReader {
 public:
  // `source` names the input in error messages (a file path). `text` must outlive the reader.
  EdnReader(std::string_view text, std::string source);

  // Skips whitespace and comments; true if nothing but those is left.
  bool at_end();
  // The next form. Throws UsageError "source:line:column: expected ..., found ...".
  Edn read();
  // For streaming the elements of a large top-level collection one at a time: the next
  // significant character ('\0' at the end of input), and consuming it.
  char peek_char();
  void consume() { next(); }
  // The text not read yet, and skipping n of its bytes (a form read by other means).
  std::string_view rest() const { return text_.substr(pos_); }
  void skip(size_t n);

  int line() const { return line_; }
  int column() const { return column_; }
  // Throws UsageError at the current position.
  [[noreturn]] void fail(const std::string& what) const;
  [[noreturn]] void fail_at(int line, int column, const std::string& what) const;
  // What is at the current position, for messages: "'x'", "end of line", "end of input".
  std::string found() const;

 private:
  Edn read_form(int depth);
  Edn read_collection(Edn::Kind kind, char close, int depth);
  Edn read_string();
  Edn read_char();
  Edn read_atom();
  Edn read_dispatch(int depth);
  void skip_space();
  bool more() const { return pos_ < text_.size(); }
  char peek() const { return text_[pos_]; }
  char next();

  std::string_view text_;
  std::string source_;
  size_t pos_ = 0;
  int line_ = 1, column_ = 1;
};

}  // namespace rrt
