#!/usr/bin/env bash
# The two history forms side by side (docs/history.md): bytes per operation on disk and what
# recording costs, measured two ways.
#
# 1. `rrt bench` against one local redis-server (SET 3-byte values over 1M keys, 50 clients),
#    with no history, --history-format jsonl and --history-format compact, in turn, REPEAT
#    times: median ops/s of each and the history file's bytes per operation. Then `rrt check`
#    reads each file (the compact one through its magic bytes) and the read times are printed.
# 2. bench/history_recorder_bench (Google Benchmark, built when libbenchmark-dev is installed):
#    the recorder alone, 1,000,000 operations into a real file in each form, and reading back.
#
# Usage: bench/history_formats.sh [path/to/build]
# Environment: REPEAT (3), N (500000: operations per rrt bench run), PIPELINE (1).
set -euo pipefail

BUILD=${1:-$(dirname "$0")/../build}
RRT=$BUILD/rrt
REPEAT=${REPEAT:-3}
N=${N:-500000}
PIPELINE=${PIPELINE:-1}
[[ -x $RRT ]] || { echo "rrt binary not found at $RRT (pass the build directory)" >&2; exit 3; }
source "$(dirname "$0")/local_redis.sh"
start_local_redis

median() { python3 -c 'import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }

# ops/s of one rrt bench run; $1: off | jsonl | compact.
bench() {
  local history=()
  [[ $1 != off ]] && history=(--history "$tmp/h.$1" --history-format "$1")
  redis-cli -p "$port" flushall >/dev/null
  "$RRT" bench --url "redis://127.0.0.1:$port" -c 50 -P "$PIPELINE" -n "$N" "${history[@]}" \
    -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)["ops_per_sec"])'
}

declare -A rates
for r in $(seq "$REPEAT"); do
  for mode in off jsonl compact; do rates[$mode]+=" $(bench "$mode")"; done
done
echo "rrt bench: $N SET operations, 50 clients, pipeline $PIPELINE; median of $REPEAT runs"
printf '%-8s %12s %10s %12s %10s\n' form ops/s on/off bytes/op check-read-s
off=$(median ${rates[off]})
printf '%-8s %12.0f %10s %12s %10s\n' none "$off" 1.00 - -
for mode in jsonl compact; do
  rate=$(median ${rates[$mode]})
  bytes=$(stat -c %s "$tmp/h.$mode")
  read_s=$("$RRT" check "$tmp/h.$mode" --model register -o json |
    python3 -c 'import json,sys; print(round(json.load(sys.stdin).get("read_seconds", 0), 3))' || true)
  printf '%-8s %12.0f %10.2f %12.1f %10s\n' "$mode" "$rate" \
    "$(python3 -c "print($rate / $off)")" "$(python3 -c "print($bytes / $N)")" "$read_s"
done

if [[ -x $BUILD/history_recorder_bench ]]; then
  echo
  echo "history_recorder_bench (1M operations per form; CPU-time rates):"
  "$BUILD/history_recorder_bench" --benchmark_counters_tabular=true 2>/dev/null
else
  echo "(history_recorder_bench not built: install libbenchmark-dev)" >&2
fi
