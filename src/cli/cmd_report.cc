// `rrt report RUN_DIR`: regenerates report.html and junit.xml from a run directory's stored
// files (results.json, history.jsonl, events.jsonl, scenario.json). Exit 2 naming the file when
// one is missing or malformed.
#include <fmt/format.h>

#include "base/clock.h"
#include "base/errors.h"
#include "cli/command.h"
#include "report/report.h"

namespace rrt {

void add_report_command(CLI::App& root, CliContext& ctx) {
  auto dir = std::make_shared<std::string>();
  auto* cmd = root.add_subcommand(
      "report", "Regenerate report.html and junit.xml of a run directory from its files");
  cmd->add_option("run_dir", *dir, "Run directory, e.g. runs/sentinel-kill-master/latest")
      ->required();
  cmd->callback([dir, &ctx] {
    Nanos start = mono_ns();
    ReportFiles files = write_reports(*dir);
    fmt::print("wrote {} ({:.0f} KB) and {} in {:.2f} s\n", files.html,
               static_cast<double>(files.html_bytes) / 1024, files.junit,
               static_cast<double>(mono_ns() - start) / kSeconds);
    ctx.exit_code = kExitOk;
  });
}

}  // namespace rrt
