// `rrt scenarios` lists the shipped scenarios; `rrt explain NAME` prints what one teaches.
#include <fmt/format.h>

#include "base/errors.h"
#include "base/option_reader.h"
#include "cli/command.h"
#include "cli/output.h"
#include "run/scenario_vocabulary.h"
#include "scenario/scenario_catalog.h"
#include "scenario/scenario_loader.h"

namespace rrt {

static void add_list(CLI::App& root, CliContext& ctx) {
  auto out = std::make_shared<OutputOptions>();
  auto* list = root.add_subcommand("scenarios", "List the shipped scenarios (`rrt explain NAME`)");
  add_output_flags(list, out.get());
  list->callback([out, &ctx] {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& e : list_scenarios(scenario_vocabulary())) {
      rows.push_back({{"name", e.name},
                      {"duration", e.broken ? "?" : format_duration(e.duration)},
                      {"summary", e.broken ? "BROKEN: " + e.summary : e.summary},
                      {"path", e.path}});
    }
    if (rows.empty()) {
      throw EnvironmentError("no scenarios found: set RRT_SCENARIOS to the scenarios/ directory");
    }
    print_table(rows, *out, {"name", "duration", "summary"}, {"path"});
    ctx.exit_code = kExitOk;
  });
}

// What runs, in a few lines: topology, workloads, fault schedule, checks.
static std::string outline(const Scenario& s) {
  const LabSpec& t = s.lab;
  std::string out = fmt::format("topology:  {} with {} replicas", kind_name(t.kind), t.replicas);
  if (t.kind == TopologyKind::kSentinel) {
    out += fmt::format(", {} sentinels (quorum {}, down-after {} ms)", t.sentinels, t.quorum,
                       t.down_after_ms);
  }
  if (t.kind == TopologyKind::kCluster) {
    out = fmt::format("topology:  cluster of {} masters with {} replicas each (node timeout {} ms)",
                      t.masters, t.replicas, t.node_timeout_ms);
  }
  if (t.kind == TopologyKind::kProxy) {
    out = fmt::format("topology:  twemproxy over {} masters (auto_eject_hosts {})", t.masters,
                      t.auto_eject);
  }
  if (t.persistence != "none") out += fmt::format(", persistence {}", t.persistence);
  out += fmt::format("\nduration:  {}\n", format_duration(s.duration));
  for (const auto& w : s.workloads)
    out += fmt::format("workload:  {} {}\n", w.kind, w.options.dump());
  for (const auto& f : s.faults) {
    out += fmt::format("fault:     at {} {} {}", format_duration(f.at), f.verb, f.args.dump());
    if (f.duration > 0) out += " for " + format_duration(f.duration);
    if (f.repeat > 1) out += fmt::format(", {} times every {}", f.repeat, format_duration(f.every));
    out += "\n";
  }
  if (!s.checks.empty()) out += fmt::format("checks:    {}\n", fmt::join(s.checks, ", "));
  return out;
}

static void add_explain(CLI::App& root, CliContext& ctx) {
  auto name = std::make_shared<std::string>();
  auto* explain = root.add_subcommand("explain", "Explain what a scenario teaches");
  explain->add_option("scenario", *name, "Scenario name or YAML file")->required();
  explain->callback([name, &ctx] {
    Scenario s = load_scenario_file(find_scenario(*name), scenario_vocabulary());
    fmt::print("{}: {}\n\n{}\n{}", s.name, s.summary, outline(s), s.explain);
    if (!s.explain.empty() && s.explain.back() != '\n') fmt::print("\n");
    fmt::print("\nrun it: rrt run {}\n", s.name);
    ctx.exit_code = kExitOk;
  });
}

void add_scenarios_command(CLI::App& root, CliContext& ctx) {
  add_list(root, ctx);
  add_explain(root, ctx);
}

}  // namespace rrt
