#include "topo/credentials.h"

#include <fmt/format.h>

#include <fstream>

#include "base/errors.h"

namespace rrt {

static std::string first_line(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw UsageError(fmt::format("--password-file {}: cannot read it", path));
  std::string line;
  std::getline(in, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  if (line.empty()) {
    throw UsageError(fmt::format("--password-file {}: the first line is empty", path));
  }
  return line;
}

std::string resolve_password(const PasswordSources& s) {
  if (!s.flag.empty()) return s.flag;
  if (!s.file.empty()) return first_line(s.file);
  if (!s.env.empty()) return s.env;
  return s.from_url;
}

}  // namespace rrt
