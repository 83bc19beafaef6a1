#include "k8s/helm_values.h"

#include <fmt/format.h>

#include "base/errors.h"

namespace rrt {

namespace {

void check(const ValuesOptions& o) {
  if (o.exercise != "sentinel" && o.exercise != "replication") {
    throw UsageError(
        fmt::format("bad --exercise '{}': expected sentinel or replication", o.exercise));
  }
  if (o.replicas < 1 || o.replicas > 9) throw UsageError("bad --replicas: expected 1 to 9");
  if (o.quorum < 1 || o.quorum > o.replicas) {
    throw UsageError("bad --quorum: expected 1 to the number of replicas (sentinels run in them)");
  }
  if (o.debug_command != "local" && o.debug_command != "yes") {
    throw UsageError(
        fmt::format("bad --debug-command '{}': expected local or yes", o.debug_command));
  }
}

}  // namespace

std::string helm_values(const ValuesOptions& o) {
  check(o);
  std::string persistence =
      fmt::format("  persistence:\n    enabled: {}\n", o.persistence ? "true" : "false");
  std::string out = fmt::format(
      "# Values for the Bitnami redis chart {0}, written by `rrt k8s values --exercise {1}`:\n"
      "#   helm install RELEASE {2} --version {0} -n NAMESPACE --create-namespace -f values.yaml\n"
      "global:\n  security:\n"
      "    # the chart checks that its images are the default ones; the ones below are not\n"
      "    allowInsecureImages: true\n"
      "image:\n"
      "  # docker.io/bitnami/redis can no longer be pulled; the same tags are in bitnamilegacy\n"
      "  repository: bitnamilegacy/redis\n"
      "architecture: replication\n"
      "auth:\n  enabled: true\n  sentinel: true   # sentinels take the same password\n"
      "commonConfiguration: |-\n"
      "  # the chart's default: AOF on, RDB snapshots off\n"
      "  appendonly yes\n  save \"\"\n"
      "  # rrt k8s fault pause runs DEBUG SLEEP through redis-cli inside the pod (Redis 7+\n"
      "  # refuses DEBUG by default; local: only from inside the pod, yes: from any client)\n"
      "  enable-debug-command {3}\n"
      "networkPolicy:\n"
      "  # the chart's policy allows all traffic to its pods; policies add up, so next to it a\n"
      "  # NetworkPolicy rrt adds to cut a pod off could not take effect (Chaos Mesh can)\n"
      "  enabled: false\n"
      "master:\n{4}"
      "replica:\n  replicaCount: {5}\n{4}",
      kChartVersion, o.exercise, kChartReference, o.debug_command, persistence, o.replicas);
  if (o.exercise == "sentinel") {
    out += fmt::format(
        "sentinel:\n  enabled: true\n"
        "  image:\n    repository: bitnamilegacy/redis-sentinel\n"
        "  masterSet: mymaster\n  quorum: {}\n"
        "  downAfterMilliseconds: {}   # chart default 60000: a minute without writes\n"
        "  failoverTimeout: {}\n",
        o.quorum, o.down_after_ms, o.failover_timeout_ms);
  } else {
    out += "sentinel:\n  enabled: false\n";
  }
  return out;
}

}  // namespace rrt
