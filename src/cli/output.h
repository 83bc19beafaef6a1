// Output formats shared by subcommands: -o text|wide|json and --pretty.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

namespace rrt {

struct OutputOptions {
  std::string format = "text";  // text | wide | json
  bool pretty = false;          // indent JSON
};

void add_output_flags(CLI::App* cmd, OutputOptions* out);

// Prints `value` as JSON when asked, else `text` (one line or several).
void print_object(const nlohmann::json& value, const OutputOptions& out, const std::string& text);

// Prints rows of objects: JSON array, or an aligned table of `columns` (wide adds `wide_columns`).
void print_table(const nlohmann::json& rows, const OutputOptions& out,
                 const std::vector<std::string>& columns,
                 const std::vector<std::string>& wide_columns = {});

// A JSON scalar as table text ("" for null, strings unquoted).
std::string cell_text(const nlohmann::json& value);

}  // namespace rrt
