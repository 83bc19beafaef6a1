// Placeholder until the checkers land: `rrt check` is being written in src/check/.
#include "cli/command.h"

namespace rrt {
void add_check_command(CLI::App& root, CliContext& ctx) {}
}  // namespace rrt
