// What rrt prints when the command line does not parse. CLI11's own message echoes the arguments
// it did not expect, and after a mistyped flag (`--pasword SECRET`) that is the secret; this text
// names unknown flags (with the nearest known flag of the same subcommand), never a value typed
// after an unknown flag, never the value of `--x=value`, never an argument that holds a URL's
// credentials (anything with '@').
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace rrt {

// `args` are argv[1..]. The text ends with a newline and the "--help" hint.
std::string parse_error_text(const CLI::App& root, const CLI::ParseError& error,
                             const std::vector<std::string>& args);

}  // namespace rrt
