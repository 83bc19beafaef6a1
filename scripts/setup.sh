#!/usr/bin/env bash
# Installs every Debian package rrt needs to build, test and run. Idempotent: a package that is
# already installed is not installed again, and apt-get is not touched when nothing is missing.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libasio-dev libssl-dev openssl libhiredis-dev libyaml-cpp-dev nlohmann-json3-dev libfmt-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev zlib1g-dev
  redis-server redis-sentinel redis-tools
  iproute2 iptables procps
  libboost-dev nutcracker libxml2-utils
  jq  # the fake kubectl of the Kubernetes tests (tests/data/k8s/bin/kubectl)
  chromium
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -q
  $sudo_cmd apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The Debian redis-server package may start a system service on port 6379; rrt's labs never use
# it, and it is left alone.
