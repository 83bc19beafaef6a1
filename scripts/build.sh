#!/usr/bin/env bash
# Configures and builds rrt into build/ (Release with debug info). Usage: scripts/build.sh [target...]
# Uses ccache when it is installed (it is optional; setup.sh does not install it).
set -euo pipefail
cd "$(dirname "$0")/.."
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" >/dev/null
cmake --build build -j"$(nproc)" ${1:+--target "$@"}
