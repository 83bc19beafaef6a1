// `rrt run SCENARIO`: run a scenario (a shipped name or a YAML file) on a fresh local lab,
// check it, write the run directory.
#include <mutex>

#include <fmt/format.h>

#include "base/errors.h"
#include "cli/command.h"
#include "cli/target_flags.h"
#include "scenario/option_reader.h"
#include "scenario/runner.h"
#include "scenario/scenario_catalog.h"
#include "scenario/scenario_loader.h"

namespace rrt {

struct RunFlags {
  std::string scenario;
  int clients = 0;  // 0: as the scenario says
  int ops = 0;
  std::string duration;  // empty: as the scenario says
  RunOptions options;
  TargetFlags target;
};

// Applies --clients, --ops and --duration. A shorter duration drops the faults that would start
// after the new end, and says so.
static void apply_overrides(const RunFlags& f, Scenario* s) {
  for (auto& w : s->workloads) {
    if (f.clients > 0) w.options["clients"] = f.clients;
    if (f.ops > 0) w.options["ops"] = f.ops;
  }
  if (f.duration.empty()) return;
  s->duration = parse_duration(f.duration);
  if (s->duration <= 0) throw UsageError("--duration must be more than 0s");
  std::vector<FaultStep> kept;
  for (FaultStep step : s->faults) {
    while (step.repeat > 0 && step.at + (step.repeat - 1) * step.every >= s->duration)
      --step.repeat;
    if (step.repeat > 0) {
      kept.push_back(step);
    } else {
      fmt::print(stderr, "note: --duration {} drops fault {} at {}\n", f.duration, step.verb,
                 format_duration(step.at));
    }
  }
  s->faults = kept;
}

void add_run_command(CLI::App& root, CliContext& ctx) {
  auto f = std::make_shared<RunFlags>();
  auto* run = root.add_subcommand("run", "Run a scenario on a local lab and check what happened");
  run->add_option("scenario", f->scenario, "Scenario name (`rrt scenarios`) or YAML file")
      ->required();
  run->add_option("--clients", f->clients,
                  "Clients per workload (writer/reader pairs for stale reads)");
  run->add_option("--ops", f->ops, "Operations (rounds) per client");
  run->add_option("--duration", f->duration, "Run length, e.g. 20s (later faults are dropped)");
  run->add_option("--runs-dir", f->options.runs_root, "Where run directories go (default runs)");
  run->add_flag("-q,--quiet", f->options.quiet, "Only the summary");
  add_target_flags(run, f->target);
  run->callback([f, &ctx] {
    Scenario scenario = load_scenario_file(find_scenario(f->scenario));
    apply_overrides(*f, &scenario);
    f->options.external = external_options(f->target);
    fmt::print("running {} ({}) ...\n", scenario.name, format_duration(scenario.duration));
    std::fflush(stdout);
    auto mu = std::make_shared<std::mutex>();
    if (!f->options.quiet) {
      f->options.progress = [mu](const std::string& line) {
        std::lock_guard lock(*mu);
        fmt::print("{}\n", line);
        std::fflush(stdout);
      };
    }
    RunOutcome out = run_scenario(scenario, f->options);
    fmt::print("{}", out.report_text);
    fmt::print("verdict: {}\nrun directory: {}\n", out.verdict, out.run_dir);
    ctx.exit_code = out.exit_code;
  });
}

}  // namespace rrt
