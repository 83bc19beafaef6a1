// `rrt k8s discover|fault|values|job|run`: a Bitnami redis Helm release on Kubernetes, driven
// through kubectl (docs/kubernetes.md).
#include <fmt/format.h>
#include <signal.h>

#include "base/errors.h"
#include "base/interrupt.h"
#include "base/option_reader.h"
#include "cli/command.h"
#include "cli/k8s_session.h"
#include "k8s/fault_planner.h"
#include "k8s/helm_values.h"
#include "k8s/job_runner.h"
#include "k8s/k8s_release.h"
#include "k8s/kubectl.h"
#include "k8s/network_policies.h"
#include "k8s/plan_executor.h"

namespace rrt {

namespace {

struct K8sFlags {
  KubectlOptions kubectl;
  std::string release, cluster_domain = "cluster.local";
  bool json = false;
  // fault
  std::string verb, pod, statefulset, hold = "10s";
  int replicas = -1;
  bool dry_run = false, allow_faults = false;
  ValuesOptions values;
  // job, run
  JobRequest job;
  std::string runs_dir = "runs";
};

void add_cluster_flags(CLI::App* c, K8sFlags& f) {
  c->add_option("--release", f.release, "Helm release of the redis chart")->required();
  c->add_option("-n,--namespace", f.kubectl.ns, "Namespace (default: the context's)");
  c->add_option("--kubeconfig", f.kubectl.kubeconfig, "kubeconfig file");
  c->add_option("--context", f.kubectl.context, "kubeconfig context");
  c->add_option("--kubectl", f.kubectl.binary, "kubectl binary (default: kubectl in PATH)");
  c->add_option("--cluster-domain", f.cluster_domain, "The cluster's DNS domain (cluster.local)");
}

void announce_scope(K8sFlags& f) {
  announce_kube_scope(&f.kubectl);
}

void print_release(const K8sRelease& r) {
  fmt::print("release {} (namespace {}): {}, headless service {}, master set {}\n", r.name, r.ns,
             r.architecture, r.headless.empty() ? "-" : r.headless, r.master_set);
  for (const auto& p : r.pods) {
    fmt::print("  {:<24} {:<8} {:<15} {}{}\n", p.name, p.component, p.ip.empty() ? "-" : p.ip,
               p.ready ? "ready" : "not ready", p.has_sentinel ? "  +sentinel" : "");
    fmt::print("    announced as {}:{}\n", p.announced_host(r.cluster_domain), p.redis_port);
  }
  PasswordSource pw = r.password();
  if (pw.kind != PasswordSource::kNone) {
    fmt::print(
        "password: {} from Secret {} key {}\n",
        pw.kind == PasswordSource::kFile ? "file $REDIS_PASSWORD_FILE" : "env REDIS_PASSWORD",
        pw.secret.empty() ? "(none)" : pw.secret, pw.secret_key);
  }
  fmt::print("DEBUG (enable-debug-command): {}\n",
             r.debug_command.empty() ? "unknown" : r.debug_command);
  fmt::print("inside the cluster: rrt run SCENARIO --target {}\n", r.suggested_target());
}

// The pod a fault hits when --pod is not given: the master pod of a release without Sentinel.
std::string default_pod(const K8sRelease& r, const std::string& verb) {
  if (verb == "scale") return "";
  for (const auto& p : r.pods) {
    if (p.component == "master") return p.name;
  }
  throw UsageError(fmt::format(
      "{}: pass --pod: release {} runs Sentinel, which decides who is master (ask it with "
      "`rrt sentinel master` or see `rrt k8s discover`)",
      verb, r.name));
}

// The plan; with `manifests` (--dry-run) also the objects it would create.
void print_plan(const FaultPlan& plan, const KubectlOptions& k, bool manifests) {
  print_line("fault: " + plan.summary);
  for (const auto& n : plan.notes) print_line("note: " + n);
  for (const auto& s : plan.apply) {
    print_line("  apply:   " + describe(k, s.call));
    if (manifests && !s.call.input.empty()) print_line(s.call.input);
  }
  for (const auto& p : plan.confirm) print_line("  confirm: " + p.what);
  for (const auto& s : plan.undo) print_line("  undo:    " + describe(k, s.call));
  for (const auto& p : plan.undo_confirm) print_line("  confirm: " + p.what);
}

void run_fault(K8sFlags& f, CliContext& ctx) {
  if (!f.dry_run && !f.allow_faults) {
    throw UsageError(
        "rrt k8s fault changes the cluster: pass --allow-faults (or --dry-run to see the plan)");
  }
  Nanos hold = parse_duration(f.hold);
  announce_scope(f);
  InterruptGuard interrupts(Interrupts::kCtrlCHangup);
  if (!f.dry_run) {
    for (const auto& name : delete_expired_rrt_policies(f.kubectl, wall_ns() / kSeconds)) {
      print_line("deleted NetworkPolicy " + name + ", left behind by an earlier rrt");
    }
  }
  K8sRelease release = discover_release(f.kubectl, f.release, f.cluster_domain);
  PlanInput in;
  in.verb = f.verb;
  in.pod = f.pod.empty() ? default_pod(release, f.verb) : f.pod;
  in.statefulset = f.statefulset;
  in.replicas = f.replicas;
  in.seconds = static_cast<int>(std::max<Nanos>(hold / kSeconds, 1));
  in.run_id = fmt::format("{:x}", getpid());
  in.now_unix_s = wall_ns() / kSeconds;
  in.facts = gather_facts(f.kubectl, release, in);
  FaultPlan plan = plan_fault(release, in);
  print_plan(plan, f.kubectl, f.dry_run);
  if (f.dry_run) return;
  PlanExecutor executor(f.kubectl, interrupt_waiter(interrupts), print_line);
  executor.apply(plan);  // throws after undoing what did not take effect
  print_line(fmt::format("holding for {} (Ctrl-C, SIGTERM or SIGHUP undoes at once)", f.hold));
  bool interrupted = interrupt_waiter(interrupts)(hold);
  if (interrupted) print_line(fmt::format("signal {}: undoing now", interrupts.signal()));
  int failed = executor.undo_all();
  if (failed) {
    print_line(fmt::format("{} undo(s) not confirmed: see above", failed));
    ctx.exit_code = kExitEnvironment;
  }
}

void add_fault(CLI::App* k8s, std::shared_ptr<K8sFlags> f, CliContext& ctx) {
  auto* c = k8s->add_subcommand("fault",
                                "Inject one fault into a release through kubectl, confirm it, "
                                "hold it, undo it (also on Ctrl-C, SIGTERM, SIGHUP)");
  c->add_option("verb", f->verb, k8s_fault_verbs())->required();
  add_cluster_flags(c, *f);
  c->add_option("--pod", f->pod, "Target pod (default: the master pod without Sentinel)");
  c->add_option("--statefulset", f->statefulset, "StatefulSet to scale");
  c->add_option("--replicas", f->replicas, "Replicas to scale to");
  c->add_option("--for", f->hold, "How long the fault holds before it is undone (10s)");
  c->add_flag("--allow-faults", f->allow_faults, "Consent to changing the cluster");
  c->add_flag("--dry-run", f->dry_run, "Print the plan only");
  c->callback([f, &ctx] { run_fault(*f, ctx); });
}

JobSpec job_spec(K8sFlags& f) {
  K8sRelease release = discover_release(f.kubectl, f.release, f.cluster_domain);
  return job_for_release(release, f.job, unique_run_suffix());
}

void run_job(K8sFlags& f, CliContext& ctx) {
  ctx.exit_code = run_release_job(f.kubectl, f.release, f.cluster_domain, f.job, f.runs_dir);
}

void add_job_flags(CLI::App* c, K8sFlags& f) {
  add_cluster_flags(c, f);
  c->add_option("--scenario", f.job.scenario, "Scenario to run (sentinel-manual-failover)");
  c->add_option("--target", f.job.target,
                "Target URL without password (default: the release's Sentinel service)");
  c->add_option("--image", f.job.image, "rrt image (the Dockerfile's; rrt:latest)");
  c->add_flag("--allow-faults", f.job.allow_faults, "Pass --allow-faults to rrt run");
  c->add_option("--max-rate", f.job.max_rate, "Pass --max-rate to rrt run (200)");
  c->add_option("--deadline", f.job.deadline_s, "The Job's activeDeadlineSeconds (1800)");
}

void add_values_job_run(CLI::App* k8s, std::shared_ptr<K8sFlags> f, CliContext& ctx) {
  auto* v = k8s->add_subcommand("values", "Helm values (Bitnami redis) for a workshop exercise");
  v->add_option("--exercise", f->values.exercise, "sentinel or replication");
  v->add_option("--replicas", f->values.replicas, "Redis pods (3)");
  v->add_option("--quorum", f->values.quorum, "Sentinel quorum (2)");
  v->add_option("--down-after-ms", f->values.down_after_ms, "downAfterMilliseconds (5000)");
  v->add_option("--failover-timeout-ms", f->values.failover_timeout_ms, "failoverTimeout");
  v->add_option("--debug-command", f->values.debug_command, "enable-debug-command: local or yes");
  v->add_flag("--persistence", f->values.persistence, "Enable persistence (PVCs)");
  v->callback([f] { fmt::print("{}", helm_values(f->values)); });
  auto* j = k8s->add_subcommand("job", "Print the Job that runs rrt inside the cluster");
  add_job_flags(j, *f);
  j->callback([f] { fmt::print("{}", job_manifest(job_spec(*f))); });
  auto* r = k8s->add_subcommand(
      "run", "Run a scenario inside the cluster as a Job, follow it, copy its run directory back");
  add_job_flags(r, *f);
  r->add_option("--runs-dir", f->runs_dir, "Where the run directory goes (runs)");
  r->callback([f, &ctx] { run_job(*f, ctx); });
}

}  // namespace

void add_k8s_command(CLI::App& root, CliContext& ctx) {
  auto f = std::make_shared<K8sFlags>();
  auto* k8s = root.add_subcommand("k8s", "Redis on Kubernetes (Bitnami chart) through kubectl");
  k8s->require_subcommand(1);
  auto* d = k8s->add_subcommand("discover", "The pods of a Helm release and their roles");
  add_cluster_flags(d, *f);
  d->add_flag("--json", f->json, "JSON output");
  d->callback([f] {
    K8sRelease r = discover_release(f->kubectl, f->release, f->cluster_domain);
    if (f->json) {
      fmt::print("{}\n", to_json(r).dump(2));
    } else {
      print_release(r);
    }
  });
  add_fault(k8s, f, ctx);
  add_values_job_run(k8s, f, ctx);
}

}  // namespace rrt
