// Enums that are written as text only at the edges (YAML, the CLI, JSON): one table of
// (value, name) pairs per enum, read both ways.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace rrt {

template <typename E>
struct EnumName {
  E value;
  const char* name;
};

// The name `table` gives `value`; "?" if it has none.
template <typename E, size_t N>
const char* name_in(const EnumName<E> (&table)[N], E value) {
  for (const auto& entry : table) {
    if (entry.value == value) return entry.name;
  }
  return "?";
}

// The value `table` names `text`; nothing if none.
template <typename E, size_t N>
std::optional<E> value_in(const EnumName<E> (&table)[N], std::string_view text) {
  for (const auto& entry : table) {
    if (text == entry.name) return entry.value;
  }
  return std::nullopt;
}

// Every name of `table` in order, for messages: "a, b or c".
template <typename E, size_t N>
std::string names_in(const EnumName<E> (&table)[N]) {
  std::string out;
  for (size_t i = 0; i < N; ++i) {
    if (i > 0) out += i + 1 == N ? " or " : ", ";
    out += table[i].name;
  }
  return out;
}

}  // namespace rrt
