#!/usr/bin/env bash
# End-to-end check of rrt on Kubernetes, on a machine with docker, kind, helm, kubectl and jq.
# Not run by CI, and never run where rrt is developed (no container runtime there): the unit and
# integration tests use a fake kubectl instead (tests/data/k8s). docs/kubernetes.md says which
# claims only this script checks.
#
# What it does, in order, stopping at the first failure:
#   1. creates a kind cluster (RRT_E2E_CLUSTER, default rrt-e2e)
#   2. builds rrt on this machine (scripts/build.sh rrt) and the image from the Dockerfile, and
#      loads the image into the cluster's nodes (kind load docker-image)
#   3. optionally installs Chaos Mesh (RRT_E2E_CHAOS_MESH=1)
#   4. installs the Bitnami redis chart at the version rrt pins, with `rrt k8s values`
#   5. checks `rrt k8s discover`: three pods, Sentinel, the password from a file
#   6. runs each `rrt k8s fault` verb (partition only with Chaos Mesh or where rrt finds a policy
#      can take effect; otherwise it must refuse with exit code 2)
#   7. runs a short scenario in the cluster with `rrt k8s run` and checks the run directory it
#      brought back: results.json with a verdict, a non-empty history.jsonl
#   8. runs sentinel-kill-master with `rrt run --target k8s://...`: the master's pod deleted on
#      the run's schedule through kubectl inside the Job, and checks the kill events and the
#      failover it measured
#   9. deletes the cluster (RRT_E2E_KEEP=1 keeps it)
#
# Usage: scripts/k8s-e2e.sh            (from anywhere; about 10 minutes with a warm docker cache)
set -euo pipefail
cd "$(dirname "$0")/.."

cluster=${RRT_E2E_CLUSTER:-rrt-e2e}
image=${RRT_E2E_IMAGE:-rrt:e2e}
ns=${RRT_E2E_NAMESPACE:-ns}
release=redis  # a name with "redis" in it: the chart then drops its "-redis" suffix
work=$(mktemp -d)
rrt=$PWD/build/rrt
context=kind-$cluster

say() { printf '\n== %s\n' "$*"; }
fail() { printf 'k8s-e2e: FAILED: %s\n' "$*" >&2; exit 1; }
# ran_with WHAT RC: a run's exit code must say the scenario ran (0 or 1: its checks decide).
ran_with() {
  echo "$1: exit code $2 (0 or 1: the scenario ran; its checks decide)"
  [ "$2" -le 1 ] || fail "$1: exit code $2"
}
# ran DIR: sets results and run_dir to the run directory found under DIR.
ran() {
  results=$(find "$1" -name results.json | head -n 1)
  [ -n "$results" ] || fail "no results.json under $1"
  run_dir=$(dirname "$results")
}

cleanup() {
  local rc=$?
  if [ "${RRT_E2E_KEEP:-0}" = 1 ]; then
    echo "k8s-e2e: keeping cluster $cluster (kind delete cluster --name $cluster) and $work"
  else
    kind delete cluster --name "$cluster" >/dev/null 2>&1 || true
    rm -rf "$work"
  fi
  [ "$rc" -eq 0 ] && echo "k8s-e2e: PASSED" || echo "k8s-e2e: exit code $rc"
}

for tool in docker kind helm kubectl jq; do
  command -v "$tool" >/dev/null || fail "$tool is not installed"
done
docker info >/dev/null 2>&1 || fail "docker cannot reach its daemon"

say "1. kind cluster $cluster"
kind get clusters 2>/dev/null | grep -qx "$cluster" && fail "cluster $cluster exists already: delete it or set RRT_E2E_CLUSTER"
trap cleanup EXIT
kind create cluster --name "$cluster" --wait 120s

k=(--context "$context" -n "$ns")
kubectl config use-context "$context" >/dev/null

say "2. rrt on this machine, and image $image from the Dockerfile"
scripts/build.sh rrt >/dev/null
docker build -t "$image" .
kind load docker-image "$image" --name "$cluster"

chaos_mesh=${RRT_E2E_CHAOS_MESH:-0}
if [ "$chaos_mesh" = 1 ]; then
  say "3. Chaos Mesh"
  helm repo add chaos-mesh https://charts.chaos-mesh.org >/dev/null
  helm repo update chaos-mesh >/dev/null
  # kind nodes run containerd
  helm install chaos-mesh chaos-mesh/chaos-mesh --kube-context "$context" -n chaos-mesh \
    --create-namespace --set chaosDaemon.runtime=containerd \
    --set chaosDaemon.socketPath=/run/containerd/containerd.sock --wait --timeout 10m
fi

say "4. the redis chart with rrt k8s values"
chart=$("$rrt" k8s values | sed -n 's/^#   helm install RELEASE \([^ ]*\) --version \([^ ]*\) .*/\1 \2/p')
read -r chart_ref chart_version <<<"$chart"
[ -n "$chart_version" ] || fail "rrt k8s values names no chart version"
"$rrt" k8s values --exercise sentinel --quorum 2 --down-after-ms 5000 >"$work/values.yaml"
helm install "$release" "$chart_ref" --version "$chart_version" --kube-context "$context" \
  -n "$ns" --create-namespace -f "$work/values.yaml" --wait --timeout 10m

say "5. rrt k8s discover"
"$rrt" k8s discover --release "$release" "${k[@]}"
"$rrt" k8s discover --release "$release" "${k[@]}" --json >"$work/discover.json"
jq -e '.architecture == "sentinel" and (.pods | length) == 3 and all(.pods[]; .ready)' \
  "$work/discover.json" >/dev/null || fail "discover: expected 3 ready Sentinel pods"
jq -e '.password.from == "file REDIS_PASSWORD_FILE" and .password.secret == "redis"' \
  "$work/discover.json" >/dev/null || fail "discover: expected the password file from Secret redis"
jq -e '.enable_debug_command == "local"' "$work/discover.json" >/dev/null ||
  fail "discover: the ConfigMap should allow DEBUG from inside the pod"

say "6. faults, each applied, confirmed and undone by rrt"
fault() { "$rrt" k8s fault "$@" --release "$release" "${k[@]}" --allow-faults; }
fault client-pause --pod redis-node-1 --for 5s
fault pause --pod redis-node-1 --for 5s
fault kill --pod redis-node-2
fault scale --statefulset redis-node --replicas 2 --for 5s
set +e
fault partition --pod redis-node-1 --for 10s
rc=$?
set -e
if [ "$chaos_mesh" = 1 ] && [ "$rc" -ne 0 ]; then fail "partition with Chaos Mesh: exit code $rc"; fi
if [ "$rc" -ne 0 ] && [ "$rc" -ne 2 ] && [ "$rc" -ne 3 ]; then fail "partition: exit code $rc"; fi
echo "partition: exit code $rc (0: cut and healed; 2: refused, naming what would make it possible; 3: not confirmed, undone)"
[ -z "$(kubectl "${k[@]}" get networkpolicy,networkchaos -l app.kubernetes.io/managed-by=rrt -o name 2>/dev/null)" ] ||
  fail "objects rrt created are still there"
kubectl "${k[@]}" wait --for=condition=Ready pod -l app.kubernetes.io/instance="$release" --timeout 300s

say "7. a scenario inside the cluster: rrt k8s run"
set +e
"$rrt" k8s run --release "$release" "${k[@]}" --image "$image" \
  --scenario sentinel-manual-failover --allow-faults --runs-dir "$work/runs"
rc=$?
set -e
ran_with "rrt k8s run" "$rc"
ran "$work/runs"
jq -e '.verdict | type == "string" and length > 0' "$results" >/dev/null || fail "$results has no verdict"
[ -s "$run_dir/history.jsonl" ] || fail "$run_dir/history.jsonl is empty"
echo "verdict $(jq -r .verdict "$results"), $(wc -l <"$run_dir/history.jsonl") history lines in $run_dir"
[ -z "$(kubectl "${k[@]}" get jobs -l app.kubernetes.io/managed-by=rrt -o name)" ] ||
  fail "the Job is still there"

say "8. faults on a run's schedule: rrt run sentinel-kill-master --target k8s://$context/$ns/$release"
set +e
"$rrt" run sentinel-kill-master --target "k8s://$context/$ns/$release" --image "$image" \
  --allow-faults --runs-dir "$work/runs-k8s"
rc=$?
set -e
ran_with "rrt run --target k8s://" "$rc"
ran "$work/runs-k8s"
kills=$(grep -c '"name":"kill"' "$run_dir/events.jsonl" || true)
[ "$kills" -eq 2 ] || fail "$run_dir/events.jsonl has $kills kill events, expected 2 (start, stop)"
grep '"name":"kill"' "$run_dir/events.jsonl" | head -n 1 | grep -q 'delete pod' ||
  fail "the kill was not a pod delete"
! grep -q '"name":"fault-error"' "$run_dir/events.jsonl" || fail "a fault error in $run_dir/events.jsonl"
jq -e '.target.kubernetes.undo_not_confirmed == 0' "$results" >/dev/null ||
  fail "an undo was not confirmed: $(jq -c .target.kubernetes "$results")"
echo "failover: $(jq -c '.failover | {outage_ms, phases}' "$results")"
[ -z "$(kubectl "${k[@]}" get jobs,roles -l app.kubernetes.io/managed-by=rrt -o name)" ] ||
  fail "the Job or its Role is still there"
