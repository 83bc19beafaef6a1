#include "report/markup.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>

namespace rrt {

static void append_escaped(std::string* out, char c) {
  switch (c) {
    case '&':
      *out += "&amp;";
      break;
    case '<':
      *out += "&lt;";
      break;
    case '>':
      *out += "&gt;";
      break;
    case '"':
      *out += "&quot;";
      break;
    case '\'':
      *out += "&#39;";
      break;
    default:
      *out += c;
  }
}

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) append_escaped(&out, c);
  return out;
}

std::string escape_xml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;
    append_escaped(&out, c);
  }
  return out;
}

}  // namespace rrt
