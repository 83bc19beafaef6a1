// `rrt tour`: the default demo. Runs the shipped exercises one after the other, each on a fresh
// local lab, prints what each shows (key numbers and the lesson), and writes an index page that
// links every run's report. "fail" verdicts are expected here: most exercises exist to show
// Redis losing writes or serving stale data.
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <set>

#include "base/clock.h"
#include "base/errors.h"
#include "base/interrupt.h"
#include "base/option_reader.h"
#include "cli/command.h"
#include "cli/run_printer.h"
#include "history/run_dir.h"
#include "report/key_numbers.h"
#include "run/runner.h"
#include "run/scenario_vocabulary.h"
#include "run/tour.h"
#include "scenario/scenario_catalog.h"
#include "scenario/scenario_loader.h"
#include "system/system_under_test.h"

namespace rrt {

namespace {

struct TourFlags {
  std::string runs_root = "runs";
  bool quick = false;
  bool quiet = false;
  std::vector<std::string> only;
};

// Why this stop cannot run here, or "" if it can.
std::string cannot_run(const TourStop& stop) {
  if (stop.needs_netns && geteuid() != 0) return "needs root for network namespaces";
  return "";
}

void print_entry(const TourEntry& e) {
  fmt::print("\n== {}: {}\n", e.scenario, e.status);
  for (const auto& n : e.numbers) fmt::print("   - {}\n", n);
  if (!e.takeaway.empty()) fmt::print("   {}\n", e.takeaway);
  if (!e.run_dir.empty()) fmt::print("   details: {}\n", e.run_dir);
  std::fflush(stdout);
}

// Runs one stop; returns its entry and whether the tour was interrupted.
TourEntry run_stop(const TourStop& stop, const TourFlags& f, bool* interrupted) {
  TourEntry e{stop.scenario, "", "", {}, stop.takeaway};
  if (std::string why = cannot_run(stop); !why.empty()) {
    e.status = "skipped: " + why;
    return e;
  }
  Scenario scenario = load_scenario_file(find_scenario(stop.scenario), scenario_vocabulary());
  if (f.quick) apply_overrides(stop.quick, &scenario);
  fmt::print("\n>> {} ({}): {}\n", scenario.name, format_duration(scenario.duration),
             scenario.summary);
  std::fflush(stdout);
  RunOptions options;
  options.runs_root = f.runs_root;
  RunPrinter printer(f.quiet, isatty(STDOUT_FILENO));
  printer.attach(&options);
  try {
    InterruptGuard signals(
        Interrupts::kCtrlCHangup);  // before the lab exists: its helper threads inherit the mask
    std::unique_ptr<SystemUnderTest> system = make_system_under_test(scenario, ExternalOptions{});
    SystemClock clock;
    RunOutcome out = run_scenario(scenario, *system, clock, options);
    printer.end();
    *interrupted = out.results.value("interrupted", false);
    e.status = out.verdict;
    e.run_dir = out.run_dir;
    e.numbers = key_numbers(out.results);
  } catch (const EnvironmentError& error) {
    printer.end();
    if (!stop.needs_netns) throw;
    e.status = std::string("skipped: ") + error.what();
  }
  return e;
}

void run_tour(const TourFlags& f, CliContext& ctx) {
  std::set<std::string> known;
  for (const auto& s : tour_stops()) known.insert(s.scenario);
  for (const auto& name : f.only) {
    if (!known.count(name)) throw UsageError(fmt::format("--only {}: not a tour exercise", name));
  }
  RunDir index(f.runs_root, "tour");
  std::vector<TourEntry> entries;
  bool interrupted = false;
  for (const auto& stop : tour_stops()) {
    if (!f.only.empty() && std::find(f.only.begin(), f.only.end(), stop.scenario) == f.only.end())
      continue;
    entries.push_back(run_stop(stop, f, &interrupted));
    print_entry(entries.back());
    write_tour_index(index.path(), entries);  // kept current: an interrupted tour keeps its page
    if (interrupted) break;
  }
  fmt::print("\ntour index: {}/index.html\n", index.path());
  ctx.exit_code = interrupted ? kExitEnvironment : kExitOk;
}

}  // namespace

void add_tour_command(CLI::App& root, CliContext& ctx) {
  auto f = std::make_shared<TourFlags>();
  auto* tour = root.add_subcommand(
      "tour", "Run the shipped exercises one after the other and explain what each shows");
  tour->add_option("--runs-dir", f->runs_root, "Where run directories go (default runs)");
  tour->add_flag("--quick", f->quick, "Shorter runs where a shorter run shows the same thing");
  tour->add_option("--only", f->only, "Only these exercises (names as in `rrt scenarios`)")
      ->delimiter(',');
  tour->add_flag("-q,--quiet", f->quiet, "No progress lines while each exercise runs");
  tour->callback([f, &ctx] { run_tour(*f, ctx); });
}

}  // namespace rrt
