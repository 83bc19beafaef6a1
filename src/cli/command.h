// How subcommands plug into the CLI: each src/cli/cmd_<name>.cc defines one add_<name>_command
// that adds its subcommand to the root app. A subcommand's callback stores its exit code in the
// context; errors are thrown (base/errors.h) and mapped to exit codes in main.
#pragma once

#include <CLI/CLI.hpp>

namespace rrt {

struct CliContext {
  int exit_code = 0;
};

void add_lab_command(CLI::App& root, CliContext& ctx);
void add_ping_command(CLI::App& root, CliContext& ctx);
void add_sentinel_command(CLI::App& root, CliContext& ctx);
void add_run_command(CLI::App& root, CliContext& ctx);
void add_scenarios_command(CLI::App& root, CliContext& ctx);
void add_check_command(CLI::App& root, CliContext& ctx);
void add_bench_command(CLI::App& root, CliContext& ctx);
void add_net_command(CLI::App& root, CliContext& ctx);
void add_tour_command(CLI::App& root, CliContext& ctx);
void add_k8s_command(CLI::App& root, CliContext& ctx);
void add_report_command(CLI::App& root, CliContext& ctx);
void add_audit_command(CLI::App& root, CliContext& ctx);
void add_history_command(CLI::App& root, CliContext& ctx);

}  // namespace rrt
