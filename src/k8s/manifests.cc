#include "k8s/manifests.h"

#include <fmt/format.h>

#include "base/errors.h"

namespace rrt {

std::string helm_values(const ValuesOptions& o) {
  if (o.exercise != "sentinel" && o.exercise != "replication") {
    throw UsageError(
        fmt::format("bad exercise '{}': expected sentinel or replication", o.exercise));
  }
  if (o.replicas < 1 || o.replicas > 9) throw UsageError("bad --replicas: expected 1 to 9");
  if (o.quorum < 1 || o.quorum > o.replicas) {
    throw UsageError("bad --quorum: expected 1 to the number of replicas (sentinels run in them)");
  }
  std::string persistence =
      fmt::format("  persistence:\n    enabled: {}\n", o.persistence ? "true" : "false");
  std::string out = fmt::format(
      "# Values for the Bitnami redis chart, written by `rrt k8s values --exercise {}`.\n"
      "# helm install <release> oci://registry-1.docker.io/bitnamicharts/redis -f values.yaml\n"
      "architecture: replication\n"
      "auth:\n  enabled: true\n  sentinel: true   # sentinels take the same password\n"
      "master:\n{}"
      "replica:\n  replicaCount: {}\n{}",
      o.exercise, persistence, o.replicas, persistence);
  if (o.exercise == "sentinel") {
    out += fmt::format(
        "sentinel:\n  enabled: true\n  masterSet: mymaster\n  quorum: {}\n"
        "  downAfterMilliseconds: {}   # chart default 60000: a minute without writes\n"
        "  failoverTimeout: {}\n",
        o.quorum, o.down_after_ms, o.failover_timeout_ms);
  } else {
    out += "sentinel:\n  enabled: false\n";
  }
  return out;
}

static std::string rbac(const JobOptions& o, const std::string& name) {
  return fmt::format(
      "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {0}\n  namespace: {1}\n"
      "---\n"
      "# What rrt k8s needs: read pods, delete them (kill), exec into them (client-pause), and\n"
      "# create/delete NetworkPolicies and Chaos Mesh NetworkChaos (partition), scale "
      "StatefulSets.\n"
      "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: {0}\n"
      "  namespace: {1}\n"
      "rules:\n"
      "  - apiGroups: [\"\"]\n    resources: [pods]\n    verbs: [get, list, watch, delete]\n"
      "  - apiGroups: [\"\"]\n    resources: [pods/exec]\n    verbs: [create]\n"
      "  - apiGroups: [apps]\n    resources: [statefulsets, statefulsets/scale]\n"
      "    verbs: [get, patch, update]\n"
      "  - apiGroups: [networking.k8s.io]\n    resources: [networkpolicies]\n"
      "    verbs: [get, create, delete]\n"
      "  - apiGroups: [chaos-mesh.org]\n    resources: [networkchaos]\n"
      "    verbs: [get, create, delete]\n"
      "---\n"
      "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: {0}\n"
      "  namespace: {1}\n"
      "roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: {0}\n"
      "subjects:\n  - kind: ServiceAccount\n    name: {0}\n    namespace: {1}\n",
      name, o.ns);
}

std::string job_manifest(const JobOptions& o) {
  if (o.release.empty()) throw UsageError("rrt k8s job needs --release (the redis Helm release)");
  std::string name = "rrt-" + o.release;
  std::string target =
      o.target.empty()
          ? fmt::format("sentinel://{}-redis.{}.svc.cluster.local:26379/mymaster", o.release, o.ns)
          : o.target;
  std::string secret = o.password_secret.empty() ? o.release + "-redis" : o.password_secret;
  std::string args = fmt::format("[run, {}, --target, \"{}\", --max-rate, \"{}\"{}]", o.scenario,
                                 target, o.max_rate, o.allow_faults ? ", --allow-faults" : "");
  return rbac(o, name) +
         fmt::format(
             "---\n"
             "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {0}\n  namespace: {1}\n"
             "spec:\n  backoffLimit: 0\n  activeDeadlineSeconds: 900\n"
             "  template:\n    spec:\n      serviceAccountName: {0}\n"
             "      restartPolicy: Never\n"
             "      containers:\n        - name: rrt\n          image: {2}\n"
             "          args: {3}\n"
             "          env:\n            - name: RRT_PASSWORD\n              valueFrom:\n"
             "                secretKeyRef: {{name: {4}, key: redis-password}}\n"
             "          resources:\n            limits: {{cpu: \"1\", memory: 512Mi}}\n",
             name, o.ns, o.image, args, secret);
}

}  // namespace rrt
