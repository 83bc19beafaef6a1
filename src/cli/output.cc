#include "cli/output.h"

#include <algorithm>

#include <fmt/format.h>

namespace rrt {

void add_output_flags(CLI::App* cmd, OutputOptions* out) {
  cmd->add_option("-o,--output", out->format, "Output format")
      ->check(CLI::IsMember({"text", "wide", "json"}));
  cmd->add_flag("--pretty", out->pretty, "Indent JSON output");
}

static void print_json(const nlohmann::json& value, const OutputOptions& out) {
  fmt::print("{}\n", value.dump(out.pretty ? 2 : -1));
}

void print_object(const nlohmann::json& value, const OutputOptions& out, const std::string& text) {
  if (out.format == "json") {
    print_json(value, out);
  } else {
    fmt::print("{}\n", text);
  }
}

std::string cell_text(const nlohmann::json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

void print_table(const nlohmann::json& rows, const OutputOptions& out,
                 const std::vector<std::string>& columns,
                 const std::vector<std::string>& wide_columns) {
  if (out.format == "json") {
    print_json(rows, out);
    return;
  }
  std::vector<std::string> cols = columns;
  if (out.format == "wide") cols.insert(cols.end(), wide_columns.begin(), wide_columns.end());
  std::vector<size_t> width(cols.size());
  for (size_t c = 0; c < cols.size(); ++c) {
    width[c] = cols[c].size();
    for (const auto& row : rows) {
      width[c] = std::max(width[c], cell_text(row.value(cols[c], nlohmann::json())).size());
    }
  }
  auto print_row = [&](auto cell) {
    std::string line;
    for (size_t c = 0; c < cols.size(); ++c) {
      std::string text = cell(c);
      line += c + 1 < cols.size() ? fmt::format("{:<{}}  ", text, width[c]) : text;
    }
    fmt::print("{}\n", line);
  };
  print_row([&](size_t c) {
    std::string h = cols[c];
    std::transform(h.begin(), h.end(), h.begin(), ::toupper);
    return h;
  });
  for (const auto& row : rows) {
    print_row([&](size_t c) { return cell_text(row.value(cols[c], nlohmann::json())); });
  }
}

}  // namespace rrt
