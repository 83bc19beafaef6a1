#include "cli/command.h"
namespace rrt {
void add_lab_command(CLI::App& root, CliContext& ctx) {}
void add_sentinel_command(CLI::App& root, CliContext& ctx) {}
void add_run_command(CLI::App& root, CliContext& ctx) {}
}  // namespace rrt
