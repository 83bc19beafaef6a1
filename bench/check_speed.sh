#!/usr/bin/env bash
# Builds and runs the linearizability benchmark (bench/check_linearizability_bench.cc) and
# prints ops/s and peak memory per history kind. Usage: bench/check_speed.sh [build-dir]
# Numbers and how to compare with Porcupine: bench/README-check.md.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$(nproc)" --target check_linearizability_bench >/dev/null
"$build/check_linearizability_bench" --benchmark_counters_tabular=true
