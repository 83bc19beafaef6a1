#!/usr/bin/env bash
# rrt bench side by side with redis-benchmark against one local Redis server.
#
# For each configuration, runs `redis-benchmark -t set -q` and `rrt bench` with the same clients,
# pipeline depth, command (SET, 3-byte value, 16-byte key) and request count, in turn, REPEAT
# times; prints the median ops/s of each, the ratio rrt / redis-benchmark with the history
# recorder on and off (the median of each repeat's own ratio), and the recorder's cost:
# throughput with it on / off, history file bytes per op and peak RSS growth per op.
#
# Fairness: each repeat runs the three in a rotated order (so neither tool always comes first
# after a FLUSHALL), and on a machine with 2 or more CPUs the server is pinned to CPU 0 and
# every client to CPU 1 (PIN=0 turns this off). Unpinned, on a 2-core VM, the scheduler moving
# server, client and softirq work between the cores makes single runs differ by up to 40%;
# pinned they agree within a few percent.
#
# With TLS=1 the server listens only on a TLS port (a throwaway CA and server certificate made
# with the openssl CLI) and both tools connect with TLS: redis-benchmark --tls --cacert, rrt
# bench --url rediss:// --cacert.
#
# Usage: bench/bench_vs_redis_benchmark.sh [path/to/rrt]
# Environment: REPEAT (5), N_PLAIN (200000), N_PIPE (2000000), THREADS (1: rrt --threads),
# PIN (1), TLS (0), VERBOSE (0; 1: also print every run's ops/s to stderr).
set -euo pipefail

RRT=${1:-${RRT:-$(dirname "$0")/../build/rrt}}
REPEAT=${REPEAT:-5}
N_PLAIN=${N_PLAIN:-200000}
N_PIPE=${N_PIPE:-2000000}
THREADS=${THREADS:-1}
PIN=${PIN:-1}
TLS=${TLS:-0}
server_cpu=()
client_cpu=()
if [[ $PIN == 1 && $(nproc) -ge 2 ]] && command -v taskset >/dev/null; then
  server_cpu=(taskset -c 0)
  client_cpu=(taskset -c 1)
fi

tools=(redis-server redis-benchmark redis-cli python3)
[[ $TLS == 1 ]] && tools+=(openssl)
for tool in "${tools[@]}"; do
  command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 3; }
done
[[ -x $RRT ]] || { echo "rrt binary not found at $RRT (pass its path)" >&2; exit 3; }

source "$(dirname "$0")/local_redis.sh"
start_local_redis "${server_cpu[@]}"

median() { python3 -c 'import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }

# Prints ops/s of one redis-benchmark run.
run_redis_benchmark() {  # clients pipeline requests keys
  local rand=()
  [[ $4 -gt 1 ]] && rand=(-r "$4")
  "${client_cpu[@]}" redis-benchmark "${tls[@]}" -p "$port" -t set -c "$1" -P "$2" -n "$3" "${rand[@]}" -q 2>/dev/null |
    tr '\r' '\n' | awk '/^SET:/ && /requests per second/ {v=$2} END {print v}'
}

# Prints "ops/s peak_rss_bytes history_bytes operations" of one rrt bench run.
run_rrt() {  # clients pipeline requests keys history(on|off)
  local history=()
  [[ $5 == on ]] && history=(--history "$tmp/history.jsonl")
  local cacert=()
  [[ $TLS == 1 ]] && cacert=(--cacert "$tmp/ca.crt")
  "${client_cpu[@]}" "$RRT" bench --url "$scheme://127.0.0.1:$port" "${cacert[@]}" -c "$1" -P "$2" -n "$3" --keys "$4" \
    --threads "$THREADS" --ratio 1:0 -d 3 "${history[@]}" -o json |
    python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["ops_per_sec"], r["peak_rss_bytes"], r.get("history",{}).get("bytes",0), r["operations"])'
  rm -f "$tmp/history.jsonl"
}

printf '%-28s %12s %12s %12s %8s %8s %7s %10s %12s\n' configuration redis-bench rrt-off rrt-on \
  ratio-off ratio-on on/off file-B/op rss-B/op
configure() {  # name clients pipeline requests keys
  local name=$1 c=$2 p=$3 n=$4 k=$5 rb=() off=() on=() rss_off=() rss_on=() bytes=() ops=()
  local order=(rb off on) v rss b o
  for r in $(seq "$REPEAT"); do
    for i in 0 1 2; do
      redis-cli "${tls[@]}" -p "$port" flushall >/dev/null
      case ${order[(r + i) % 3]} in
        rb) rb+=("$(run_redis_benchmark "$c" "$p" "$n" "$k")") ;;
        off)
          read -r v rss _ _ < <(run_rrt "$c" "$p" "$n" "$k" off)
          off+=("$v"); rss_off+=("$rss") ;;
        on)
          read -r v rss b o < <(run_rrt "$c" "$p" "$n" "$k" on)
          on+=("$v"); rss_on+=("$rss"); bytes+=("$b"); ops=("$o") ;;
      esac
    done
  done
  if [[ ${VERBOSE:-0} == 1 ]]; then
    echo "  $name runs: redis-benchmark ${rb[*]} | rrt off ${off[*]} | rrt on ${on[*]}" >&2
  fi
  python3 - "$name" "${rb[*]}" "${off[*]}" "${on[*]}" "$(median "${bytes[@]}")" "$ops" \
    "$(median "${rss_off[@]}")" "$(median "${rss_on[@]}")" <<'PY'
import statistics, sys
name = sys.argv[1]
rb, off, on = ([float(x) for x in a.split()] for a in sys.argv[2:5])
b, ops, rss_off, rss_on = map(float, sys.argv[5:])
med = statistics.median
# Ratios are medians of each repeat's own ratio: the three runs of a repeat are adjacent in time,
# so a slow minute of the machine lowers all three and cancels out.
ratio = lambda xs, ys: med(x / y for x, y in zip(xs, ys))
print(f"{name:<28} {med(rb):12.0f} {med(off):12.0f} {med(on):12.0f} {ratio(off, rb):8.2f} "
      f"{ratio(on, rb):8.2f} {ratio(on, off):7.2f} {b/ops:10.1f} {(rss_on-rss_off)/ops:12.4f}"
      f"   (peak RSS off {rss_off/2**20:.1f} MiB, on {rss_on/2**20:.1f} MiB)")
PY
}

configure "c50 P1 SET" 50 1 "$N_PLAIN" 1
configure "c50 P16 SET" 50 16 "$N_PIPE" 1
configure "c50 P16 SET -r 1M keys" 50 16 "$N_PIPE" 1000000
