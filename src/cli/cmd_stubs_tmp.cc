#include "cli/command.h"
namespace rrt {
void add_run_command(CLI::App& root, CliContext& ctx) {}
}  // namespace rrt
