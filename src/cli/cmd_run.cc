// `rrt run SCENARIO`: run a scenario (a shipped name or a YAML file) on a fresh local lab or an
// external target (--target), check it, write the run directory.
#include <fmt/format.h>
#include <unistd.h>

#include "base/errors.h"
#include "base/interrupt.h"
#include "base/option_reader.h"
#include "cli/command.h"
#include "cli/k8s_session.h"
#include "cli/run_printer.h"
#include "cli/target_flags.h"
#include "run/run_overrides.h"
#include "run/runner.h"
#include "run/scenario_vocabulary.h"
#include "scenario/scenario_catalog.h"
#include "scenario/scenario_loader.h"
#include "system/system_under_test.h"

namespace rrt {

struct RunFlags {
  std::string scenario;
  RunOverrides overrides;
  RunOptions options;
  TargetFlags target;
  std::string history_format = "jsonl";
  bool in_cluster = false;           // with a k8s:// target: run here, faults through kubectl
  std::string image = "rrt:latest";  // with a k8s:// target: the Job's image
};

namespace {

// `--target k8s://[CONTEXT/]NAMESPACE/RELEASE`: clients must reach the pods the way Sentinel
// announces them, so the run happens inside the cluster, as a Job (cli/k8s_session.h) that runs
// the shipped scenario against the release's Sentinel service with the wire-level faults of
// external targets. Refuses what the Job cannot carry instead of dropping it.
int run_in_cluster(const RunFlags& f) {
  K8sTarget t = parse_k8s_target(f.target.url);
  const RunOverrides& o = f.overrides;
  if (o.clients || o.ops || !o.duration.empty() || !o.hosts.empty()) {
    throw UsageError(
        "--clients, --ops, --duration and --hosts are not passed to a run inside the cluster "
        "(k8s:// target); run a shipped scenario as it is, or build an image with your own");
  }
  if (f.scenario.find('/') != std::string::npos || f.scenario.ends_with(".yaml") ||
      f.scenario.ends_with(".yml")) {
    throw UsageError(fmt::format(
        "{}: a k8s:// run uses the scenarios shipped in the rrt image; name one (`rrt scenarios`)",
        f.scenario));
  }
  find_scenario(f.scenario);  // an unknown name is a usage error here, not in the Job
  KubectlOptions kubectl;
  kubectl.context = t.context;
  kubectl.ns = t.ns;
  JobRequest request;
  request.scenario = f.scenario;
  request.target = in_cluster_url(t);  // the Job runs it with --in-cluster
  request.image = f.image;
  request.allow_faults = f.target.allow_faults;
  request.max_rate = static_cast<int>(f.target.max_rate);
  return run_release_job(kubectl, t.release, "cluster.local", request, f.options.runs_root);
}

}  // namespace

void add_run_command(CLI::App& root, CliContext& ctx) {
  auto f = std::make_shared<RunFlags>();
  auto* run = root.add_subcommand("run", "Run a scenario on a local lab and check what happened");
  run->add_option("scenario", f->scenario, "Scenario name (`rrt scenarios`) or YAML file")
      ->required();
  run->add_option("--clients", f->overrides.clients,
                  "Clients per workload (writer/reader pairs for stale reads)");
  run->add_option("--ops", f->overrides.ops, "Operations (rounds) per client");
  run->add_option("--duration", f->overrides.duration,
                  "Run length, e.g. 20s (later faults are dropped)");
  run->add_option("--hosts", f->overrides.hosts,
                  "Where the lab's nodes live: loopback, netns (root) or proxy (instead of the "
                  "scenario's topology hosts)")
      ->check(CLI::IsMember({"loopback", "netns", "proxy"}));
  run->add_option("--runs-dir", f->options.runs_root, "Where run directories go (default runs)");
  run->add_flag("-q,--quiet", f->options.quiet, "Only the summary");
  run->add_option("--history-format", f->history_format,
                  "jsonl: history.jsonl, readable (default) | compact: history.rrth, ~40 bytes/op "
                  "(docs/history.md)")
      ->check(CLI::IsMember({"jsonl", "compact"}));
  add_target_flags(run, f->target);
  run->add_flag("--in-cluster", f->in_cluster,
                "With --target k8s://NAMESPACE/RELEASE: run here, inside the cluster, faults "
                "through kubectl (what the Job rrt makes runs; docs/kubernetes.md)");
  run->add_option("--image", f->image,
                  "With --target k8s://...: the rrt image the Job runs (default rrt:latest)");
  run->callback([f, &ctx] {
    if (f->target.url.starts_with("k8s://") && !f->in_cluster) {
      ctx.exit_code = run_in_cluster(*f);
      return;
    }
    f->options.history_encoding = parse_history_encoding(f->history_format);
    Scenario scenario = load_scenario_file(find_scenario(f->scenario), scenario_vocabulary());
    apply_overrides(f->overrides, &scenario);
    if (f->target.url.empty() && lab_tls(f->target)) {
      scenario.lab.tls = true;
      scenario.lab.validate();
    }
    InterruptGuard signals(
        Interrupts::kCtrlCHangup);  // before the system exists: its helper threads inherit the mask
    // The composition root: the system under test, and the one clock of the run.
    std::unique_ptr<SystemUnderTest> system =
        make_system_under_test(scenario, external_options(f->target));
    SystemClock clock;
    fmt::print("running {} ({}) ...\n", scenario.name, format_duration(scenario.duration));
    std::fflush(stdout);
    RunPrinter printer(f->options.quiet, isatty(STDOUT_FILENO));
    printer.attach(&f->options);
    RunOutcome out = run_scenario(scenario, *system, clock, f->options);
    printer.end();
    fmt::print("{}", out.report_text);
    fmt::print("verdict: {}\nrun directory: {}\n", out.verdict, out.run_dir);
    ctx.exit_code = out.exit_code;
  });
}

}  // namespace rrt
