// `rrt k8s discover|fault|values|job`: a Redis Helm release on Kubernetes, driven through
// kubectl (docs/kubernetes.md).
#include <fmt/format.h>
#include <signal.h>

#include "base/errors.h"
#include "base/option_reader.h"
#include "cli/command.h"
#include "k8s/fault_planner.h"
#include "k8s/k8s_pods.h"
#include "k8s/kubectl.h"
#include "k8s/manifests.h"
#include "k8s/plan_executor.h"

namespace rrt {

namespace {

struct K8sFlags {
  KubectlOptions kubectl;
  std::string release;
  bool json = false;
  // fault
  std::string verb, pod, statefulset, hold = "10s";
  int replicas = -1;
  bool dry_run = false;
  ValuesOptions values;
  JobOptions job;
};

void add_cluster_flags(CLI::App* c, K8sFlags& f, bool release_required) {
  auto* r = c->add_option("--release", f.release, "Helm release of the redis chart");
  if (release_required) r->required();
  c->add_option("-n,--namespace", f.kubectl.ns, "Namespace (default: the context's)");
  c->add_option("--kubeconfig", f.kubectl.kubeconfig, "kubeconfig file");
  c->add_option("--context", f.kubectl.context, "kubeconfig context");
  c->add_option("--kubectl", f.kubectl.binary, "kubectl binary (default: kubectl in PATH)");
}

K8sRelease discover(const K8sFlags& f) {
  KubectlCall call{
      {"get", "pods", "-l", "app.kubernetes.io/name=redis,app.kubernetes.io/instance=" + f.release,
       "-o", "json"},
      ""};
  std::string out = must_kubectl(f.kubectl, call);
  nlohmann::json j = nlohmann::json::parse(out, nullptr, false);
  return describe_release(parse_pods(j, f.release, describe(f.kubectl, call)), f.release,
                          f.kubectl.ns);
}

void print_release(const K8sRelease& r) {
  fmt::print("release {} (namespace {}): {}, headless service {}\n", r.name, r.ns, r.architecture,
             r.headless.empty() ? "-" : r.headless);
  for (const auto& p : r.pods) {
    fmt::print("  {:<28} {:<8} {:<15} {}{}\n", p.name, p.component, p.ip.empty() ? "-" : p.ip,
               p.ready ? "ready" : "not ready", p.has_sentinel ? "  +sentinel" : "");
  }
  fmt::print("inside the cluster: rrt run SCENARIO --target {}\n", r.suggested_target());
}

// The pod a fault hits when --pod is not given: the master pod of a replication release.
std::string default_pod(const K8sRelease& r, const std::string& verb) {
  if (verb == "scale") return "";
  for (const auto& p : r.pods) {
    if (p.component == "master") return p.name;
  }
  throw UsageError(fmt::format(
      "{}: pass --pod: release {} runs Sentinel, which decides who is master (ask it with "
      "`rrt sentinel master` or `rrt k8s discover`)",
      verb, r.name));
}

// Waits `hold` or until SIGINT/SIGTERM (blocked by the caller). True if a signal came.
bool hold_or_interrupted(Nanos hold, const sigset_t& signals) {
  timespec ts{static_cast<time_t>(hold / kSeconds), static_cast<long>(hold % kSeconds)};
  return sigtimedwait(&signals, nullptr, &ts) > 0;
}

void run_fault(const K8sFlags& f, CliContext& ctx) {
  sigset_t signals, old;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, &old);  // Ctrl-C ends the hold; undo still runs
  K8sRelease release = discover(f);
  PlanInput in;
  in.verb = f.verb;
  in.pod = f.pod.empty() ? default_pod(release, f.verb) : f.pod;
  in.statefulset = f.statefulset;
  in.replicas = f.replicas;
  Nanos hold = parse_duration(f.hold);
  in.seconds = static_cast<int>(std::max<Nanos>(hold / kSeconds, 1));  // pauses end by themselves
  in.run_id = fmt::format("{:x}", getpid());
  in.chaos_mesh = f.verb == "partition" &&
                  run_kubectl(f.kubectl, {{"get", "crd", "networkchaos.chaos-mesh.org"}, ""}).ok();
  if (f.verb == "scale" && !f.statefulset.empty()) {
    std::string now = must_kubectl(
        f.kubectl, {{"get", "statefulset", f.statefulset, "-o", "jsonpath={.spec.replicas}"}, ""});
    in.current_replicas = std::atoi(now.c_str());
  }
  FaultPlan plan = plan_fault(release, in);
  fmt::print("fault: {}\n", plan.summary);
  for (const auto& n : plan.notes) fmt::print("note: {}\n", n);
  for (const auto& c : plan.apply) fmt::print("  apply: {}\n", describe(f.kubectl, c));
  for (const auto& c : plan.undo) fmt::print("  undo:  {}\n", describe(f.kubectl, c));
  if (f.dry_run) return;
  PlanExecutor executor(f.kubectl);
  executor.apply(plan);
  fmt::print("applied; holding for {} (Ctrl-C undoes at once)\n", f.hold);
  std::fflush(stdout);
  bool interrupted = hold_or_interrupted(hold, signals);
  int failed = executor.undo_all();
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  fmt::print("{}undone{}\n", interrupted ? "interrupted; " : "",
             failed ? fmt::format(" ({} undo commands failed: see above)", failed) : "");
  for (const auto& line : executor.log()) fmt::print("  {}\n", line);
  if (failed) ctx.exit_code = kExitEnvironment;
}

void add_fault(CLI::App* k8s, std::shared_ptr<K8sFlags> f, CliContext& ctx) {
  auto* c = k8s->add_subcommand("fault",
                                "Inject one fault into a release through kubectl, hold "
                                "it, undo it (also on Ctrl-C)");
  c->add_option("verb", f->verb, k8s_fault_verbs())->required();
  add_cluster_flags(c, *f, true);
  c->add_option("--pod", f->pod, "Target pod (default: the master pod without Sentinel)");
  c->add_option("--statefulset", f->statefulset, "StatefulSet to scale");
  c->add_option("--replicas", f->replicas, "Replicas to scale to");
  c->add_option("--for", f->hold, "How long the fault holds before it is undone (10s)");
  c->add_flag("--dry-run", f->dry_run, "Print the kubectl commands only");
  c->callback([f, &ctx] { run_fault(*f, ctx); });
}

void add_values_and_job(CLI::App* k8s, std::shared_ptr<K8sFlags> f) {
  auto* v = k8s->add_subcommand("values", "Helm values (Bitnami redis) for a workshop exercise");
  v->add_option("--exercise", f->values.exercise, "sentinel or replication");
  v->add_option("--replicas", f->values.replicas, "Redis pods (3)");
  v->add_option("--quorum", f->values.quorum, "Sentinel quorum (2)");
  v->add_option("--down-after-ms", f->values.down_after_ms, "downAfterMilliseconds (5000)");
  v->add_option("--failover-timeout-ms", f->values.failover_timeout_ms, "failoverTimeout");
  v->add_flag("--persistence", f->values.persistence, "Enable persistence (PVCs)");
  v->callback([f] { fmt::print("{}", helm_values(f->values)); });
  auto* j = k8s->add_subcommand("job", "A Job (and its RBAC) that runs rrt inside the cluster");
  j->add_option("--release", f->job.release, "Helm release of the redis chart")->required();
  j->add_option("-n,--namespace", f->job.ns, "Namespace (default)");
  j->add_option("--scenario", f->job.scenario, "Scenario to run");
  j->add_option("--target", f->job.target, "Target URL (default: the release's sentinel service)");
  j->add_option("--image", f->job.image, "rrt image (see Dockerfile)");
  j->add_option("--password-secret", f->job.password_secret, "Secret with key redis-password");
  j->add_flag("--allow-faults", f->job.allow_faults, "Pass --allow-faults to rrt run");
  j->add_option("--max-rate", f->job.max_rate, "Pass --max-rate to rrt run (200)");
  j->callback([f] { fmt::print("{}", job_manifest(f->job)); });
}

}  // namespace

void add_k8s_command(CLI::App& root, CliContext& ctx) {
  auto f = std::make_shared<K8sFlags>();
  auto* k8s = root.add_subcommand("k8s", "Redis on Kubernetes (Bitnami chart) through kubectl");
  k8s->require_subcommand(1);
  auto* d = k8s->add_subcommand("discover", "The pods of a Helm release and their roles");
  add_cluster_flags(d, *f, true);
  d->add_flag("--json", f->json, "JSON output");
  d->callback([f] {
    K8sRelease r = discover(*f);
    if (f->json) {
      fmt::print("{}\n", to_json(r).dump(2));
    } else {
      print_release(r);
    }
  });
  add_fault(k8s, f, ctx);
  add_values_and_job(k8s, f);
}

}  // namespace rrt
