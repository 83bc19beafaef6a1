#!/usr/bin/env bash
# The main job on a fresh machine: installs what is missing, builds, and runs the guided tour of
# exercises on local labs.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
exec build/rrt tour "$@"
