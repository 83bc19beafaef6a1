// rrt: the Redis resiliency toolkit. Entry point: builds the subcommand table, parses, and maps
// errors to exit codes (base/errors.h).
#include <fmt/format.h>

#include <cstdio>

#include "base/errors.h"
#include "cli/command.h"
#include "cli/parse_error_text.h"

int main(int argc, char** argv) {
  using namespace rrt;
  CLI::App app{
      "rrt: the Redis resiliency toolkit. Learn how Redis fails; prove your setup survives."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "rrt 0.1");
  CliContext ctx;
  static constexpr void (*kCommands[])(CLI::App&, CliContext&) = {
      add_lab_command,     add_ping_command,  add_sentinel_command, add_run_command,
      add_check_command,   add_bench_command, add_net_command,      add_scenarios_command,
      add_tour_command,    add_k8s_command,   add_report_command,   add_audit_command,
      add_history_command,
  };
  for (auto add : kCommands) add(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e) == 0 ? kExitOk : kExitUsage;  // --help
    fmt::print(stderr, "{}", parse_error_text(app, e, {argv + 1, argv + argc}));
    return kExitUsage;
  } catch (const UsageError& e) {
    fmt::print(stderr, "rrt: {}\n", e.what());
    return kExitUsage;
  } catch (const EnvironmentError& e) {
    fmt::print(stderr, "rrt: {}\n", e.what());
    return kExitEnvironment;
  }
  return ctx.exit_code;
}
