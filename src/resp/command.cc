#include "resp/command.h"

#include <fmt/format.h>

namespace rrt {

template <typename Range>
static void append_args(const Range& args, size_t count, std::string* out) {
  fmt::format_to(std::back_inserter(*out), "*{}\r\n", count);
  for (const auto& arg : args) {
    fmt::format_to(std::back_inserter(*out), "${}\r\n", arg.size());
    out->append(arg.data(), arg.size());
    out->append("\r\n");
  }
}

void append_command(const Args& args, std::string* out) { append_args(args, args.size(), out); }

void append_command(std::initializer_list<std::string_view> args, std::string* out) {
  append_args(args, args.size(), out);
}

std::string describe_command(const Args& args) {
  std::string out;
  for (const auto& arg : args) {
    if (!out.empty()) out += ' ';
    out += arg.size() > 40 ? arg.substr(0, 37) + "..." : arg;
  }
  return out;
}

}  // namespace rrt
