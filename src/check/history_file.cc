#include "check/history_file.h"

#include <fmt/format.h>

#include <fstream>

#include "base/errors.h"
#include "check/edn_history.h"
#include "history/history_reader.h"

namespace rrt {

HistoryFormat detect_history_format(const std::string& path, std::string_view head) {
  if (path.size() >= 4 && path.compare(path.size() - 4, 4, ".edn") == 0) return HistoryFormat::kEdn;
  size_t i = head.find_first_not_of(" \t\r\n,");
  if (i == std::string_view::npos) return HistoryFormat::kJsonl;
  char c = head[i];
  if (c == '[' || c == '(' || c == ';') return HistoryFormat::kEdn;
  if (c == '{') {
    size_t j = head.find_first_not_of(" \t\r\n,", i + 1);
    if (j != std::string_view::npos && head[j] == ':') return HistoryFormat::kEdn;
  }
  return HistoryFormat::kJsonl;
}

History read_any_history(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw EnvironmentError(fmt::format("cannot read history file {}", path));
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  if (detect_history_format(path, head) == HistoryFormat::kEdn) return read_edn_history(path);
  return read_history(path);
}

}  // namespace rrt
