#include "k8s/job_manifest.h"

#include <fmt/format.h>

#include "base/errors.h"
#include "k8s/k8s_target.h"
#include "topo/target_url.h"

namespace rrt {

namespace {

using nlohmann::json;

constexpr int kUid = 10001;  // the Dockerfile's rrt user

// The container's script: rrt, the markers rrt k8s run follows, then the wait for the fetch.
std::string wrapper(const JobSpec& s) {
  return fmt::format(
      "rrt \"$@\"; rc=$?\n"
      "for l in {0}/*/latest; do [ -L \"$l\" ] && echo \"rrt-k8s: run-dir $(readlink -f \"$l\")\"; "
      "done\n"
      "echo \"rrt-k8s: exit $rc\"\n"
      "i=0; while [ ! -e {0}/.fetched ] && [ \"$i\" -lt {1} ]; do sleep 1; i=$((i+1)); done\n"
      "exit $rc\n",
      kJobRunsDir, s.fetch_wait_s);
}

json labels(const JobSpec& s) {
  return {{"app.kubernetes.io/name", "rrt"},
          {"app.kubernetes.io/managed-by", "rrt"},
          {"rrt.io/job", s.name}};
}

json container(const JobSpec& s) {
  json env = json::array({{{"name", "RRT_HOME"}, {"value", "/tmp/rrt"}}});
  // kubectl keeps its discovery cache under $HOME/.kube: the root filesystem is read-only.
  if (s.api_access) env.push_back({{"name", "HOME"}, {"value", "/tmp"}});
  if (!s.password_secret.empty()) {
    env.push_back({{"name", "RRT_PASSWORD"},
                   {"valueFrom",
                    {{"secretKeyRef", {{"name", s.password_secret}, {"key", s.password_key}}}}}});
  }
  return {
      {"name", "rrt"},
      {"image", s.image},
      {"imagePullPolicy", "IfNotPresent"},
      {"command", {"sh", "-c", wrapper(s), "rrt-job"}},
      {"args", s.rrt_args},
      {"env", env},
      {"securityContext",
       {{"runAsNonRoot", true},
        {"allowPrivilegeEscalation", false},
        {"readOnlyRootFilesystem", true},
        {"capabilities", {{"drop", {"ALL"}}}}}},
      {"resources",
       {{"requests", {{"cpu", "100m"}, {"memory", "128Mi"}}},
        {"limits", {{"cpu", "1"}, {"memory", "512Mi"}}}}},
      {"volumeMounts",
       {{{"name", "runs"}, {"mountPath", kJobRunsDir}}, {{"name", "tmp"}, {"mountPath", "/tmp"}}}}};
}

json job(const JobSpec& s) {
  json pod_spec = {{"restartPolicy", "Never"},
                   {"automountServiceAccountToken", s.api_access},
                   {"securityContext",
                    {{"runAsNonRoot", true},
                     {"runAsUser", kUid},
                     {"runAsGroup", kUid},
                     {"fsGroup", kUid},
                     {"seccompProfile", {{"type", "RuntimeDefault"}}}}},
                   {"containers", {container(s)}},
                   {"volumes",
                    {{{"name", "runs"}, {"emptyDir", json::object()}},
                     {{"name", "tmp"}, {"emptyDir", json::object()}}}}};
  if (s.api_access) pod_spec["serviceAccountName"] = s.name;
  return {{"apiVersion", "batch/v1"},
          {"kind", "Job"},
          {"metadata", {{"name", s.name}, {"namespace", s.ns}, {"labels", labels(s)}}},
          {"spec",
           {{"backoffLimit", 0},
            {"activeDeadlineSeconds", s.deadline_s},
            {"ttlSecondsAfterFinished", 600},
            {"template", {{"metadata", {{"labels", labels(s)}}}, {"spec", pod_spec}}}}}};
}

// What the kubectl faults need, and nothing else (docs/kubernetes.md lists it).
json role(const JobSpec& s) {
  auto rule = [](const char* group, std::vector<std::string> resources,
                 std::vector<std::string> verbs) {
    return json{{"apiGroups", {group}}, {"resources", resources}, {"verbs", verbs}};
  };
  return {{"apiVersion", "rbac.authorization.k8s.io/v1"},
          {"kind", "Role"},
          {"metadata", {{"name", s.name}, {"namespace", s.ns}, {"labels", labels(s)}}},
          {"rules",
           {rule("", {"pods", "services", "configmaps"}, {"get", "list"}),
            rule("", {"pods"}, {"delete"}), rule("", {"pods/exec"}, {"create"}),
            rule("apps", {"statefulsets"}, {"get"}),
            rule("apps", {"statefulsets/scale"}, {"get", "patch", "update"}),
            rule("networking.k8s.io", {"networkpolicies"}, {"get", "list", "create", "delete"}),
            rule("chaos-mesh.org", {"networkchaos"}, {"get", "create", "delete"})}}};
}

json rbac_objects(const JobSpec& s) {
  json meta = {{"name", s.name}, {"namespace", s.ns}, {"labels", labels(s)}};
  json account = {{"apiVersion", "v1"}, {"kind", "ServiceAccount"}, {"metadata", meta}};
  json binding = {
      {"apiVersion", "rbac.authorization.k8s.io/v1"},
      {"kind", "RoleBinding"},
      {"metadata", meta},
      {"roleRef", {{"apiGroup", "rbac.authorization.k8s.io"}, {"kind", "Role"}, {"name", s.name}}},
      {"subjects", {{{"kind", "ServiceAccount"}, {"name", s.name}, {"namespace", s.ns}}}}};
  return {account, role(s), binding};
}

}  // namespace

std::string job_name(const std::string& release, const std::string& unique) {
  std::string r = release.substr(0, 63 - 5 - unique.size());
  while (!r.empty() && r.back() == '-') r.pop_back();
  return fmt::format("rrt-{}-{}", r, unique);
}

JobSpec job_for_release(const K8sRelease& release, const JobRequest& q, const std::string& unique) {
  std::string target = q.target.empty() ? release.suggested_target() : q.target;
  if (target.empty()) {
    throw UsageError(
        fmt::format("release {} has no service rrt could point at: pass --target", release.name));
  }
  bool k8s = split_url(target).scheme == Scheme::kK8s;
  if (k8s) target = in_cluster_url(parse_k8s_target(target));  // no kube context in the pod
  if (!k8s && !parse_target_url(target).password.empty()) {
    throw UsageError(
        "--target must not carry a password: the Job reads it from the Secret the redis pods use "
        "(env RRT_PASSWORD), and a password in the URL would be written into the manifest");
  }
  JobSpec s;
  s.name = job_name(release.name, unique);
  s.ns = release.ns;
  s.image = q.image;
  s.api_access = k8s;
  s.deadline_s = q.deadline_s;
  s.rrt_args = {"run",        q.scenario,  "--target",   target,
                "--runs-dir", kJobRunsDir, "--max-rate", std::to_string(q.max_rate)};
  if (k8s) s.rrt_args.push_back("--in-cluster");  // the Job's rrt drives kubectl itself
  if (q.allow_faults) s.rrt_args.push_back("--allow-faults");
  PasswordSource pw = release.password();
  if (pw.kind != PasswordSource::kNone && pw.secret.empty()) {
    throw UsageError(fmt::format(
        "the redis pods of release {} read their password from {}, which no Secret backs: rrt "
        "cannot give the Job the password without writing it into the manifest",
        release.name, pw.kind == PasswordSource::kFile ? pw.file : "REDIS_PASSWORD"));
  }
  s.password_secret = pw.secret;
  s.password_key = pw.secret_key;
  return s;
}

json job_objects(const JobSpec& s) {
  json items = s.api_access ? rbac_objects(s) : json::array();
  items.push_back(job(s));
  return {{"apiVersion", "v1"}, {"kind", "List"}, {"items", items}};
}

std::string job_manifest(const JobSpec& s) {
  return job_objects(s).dump(2) + "\n";
}

}  // namespace rrt
