#!/usr/bin/env bash
# Planned switchovers side by side: each variant is one `rrt run` on a fresh lab under the same
# load (two counter groups of 6 clients at 1500 INCR/s each on Sentinel labs: one follows
# +switch-master, one only reacts to errors; one group on Cluster labs), one after the other.
# Prints, per variant and client group: the longest gap between acknowledged writes after the
# switch (the write outage that group saw; ">N" if writes had not resumed by the end),
# acknowledged increments lost (counter check), and errors by kind.
#
# Usage: bench/switchover_table.sh [duration (default 16s)] [rrt binary (default build/rrt)]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-16s}
rrt=${2:-build/rrt}
work=$(mktemp -d /tmp/rrt-switchover.XXXXXX)
[[ ${KEEP_RUNS:-0} == 1 ]] && echo "runs kept in $work/runs" || trap 'rm -rf "$work"' EXIT

# variant name, scenario, replacement of its fault line (sed), more sed
variant() {
  local name=$1 scenario=$2 edit=${3:-}
  sed -e "$edit" "scenarios/$scenario.yaml" >"$work/$name.yaml"
  "$rrt" run "$work/$name.yaml" --duration "$duration" --runs-dir "$work/runs" -q >"$work/$name.out" 2>&1 || true
  dir=$(sed -n 's/^run directory: //p' "$work/$name.out")
  if [[ -z $dir ]]; then echo "$name: did not run:"; cat "$work/$name.out"; return; fi
  python3 - "$name" "$dir" <<'PY'
import json, sys
name, d = sys.argv[1], sys.argv[2]
res = json.load(open(d + "/results.json"))
fault = next(json.loads(l) for l in open(d + "/events.jsonl")
             if '"source":"nemesis"' in l and '"phase":"start"' in l)
t_fault = fault["time"]
oks = {}
for line in open(d + "/history.jsonl"):
    op = json.loads(line)
    if op["type"] == "ok" and op.get("f") == "incr":
        oks.setdefault(op["process"] // 100000, []).append(op["time"])
counters = [c for c in res["checks"] if c["name"] == "counter"]
end = res["duration_ms"] * 1e6
for i, w in enumerate(res["workloads"]):
    # The longest gap between ok writes that ends after the fault; the run's end closes the
    # last one (">N": writes had not resumed when the clients stopped).
    times = sorted(oks.get(i, [])) + [end]
    gap, resumed = 0, True
    for prev, t in zip(times, times[1:]):
        if t > t_fault and t - prev > gap: gap, resumed = t - prev, t != end
    outage = f"{gap/1e6:.0f}" if resumed else f">{gap/1e6:.0f}"
    group = "follows" if w["options"].get("follow_switch") else "errors only"
    if res.get("cluster_failover") is not None: group = "cluster client"
    # No "lost" when the final read found no master in time (verdict unknown).
    lost = counters[i].get("lost", "?") if i < len(counters) else "?"
    errs = w["increments"]["errors"]
    e = ", ".join(f"{k} {v}" for k, v in sorted(errs.items())) or "-"
    print(f"{name:28} {group:15} {outage:>8} {str(lost):>6}  {e}")
PY
}

printf '%-28s %-15s %8s %6s  %s\n' variant clients outage_ms lost errors
variant sentinel-failover sentinel-manual-failover
variant failover-under-sentinel redis-failover
variant failover-to-timeout redis-failover 's/^  - failover: .*/  - failover: {to: redis-2, timeout: 2s}/'
variant failover-to-timeout-force redis-failover 's/^  - failover: .*/  - failover: {to: redis-2, timeout: 2s, force: true}/'
variant failover-no-sentinel redis-failover 's/^  kind: sentinel/  kind: replication/; /sentinels:\|quorum:\|down_after_ms:\|failover_timeout_ms:/d; s/^checks: .*/checks: []/'
variant cluster-failover-default cluster-manual-failover
variant cluster-failover-force cluster-manual-failover 's/^  - cluster-failover: .*/  - cluster-failover: {target: redis-4, mode: force}/'
variant cluster-failover-takeover cluster-manual-failover 's/^  - cluster-failover: .*/  - cluster-failover: {target: redis-4, mode: takeover}/'
