# Sourced by the bench scripts: starts one throwaway redis-server on a free loopback port.
#   start_local_redis [prefix command...]   e.g. start_local_redis taskset -c 0
# Sets $tmp (a temporary directory, removed at exit), $port and $server_pid; the server is
# stopped at exit. Exits 3 if a tool is missing or the server does not answer.

for tool in redis-server redis-cli python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 3; }
done

tmp=$(mktemp -d)
server_pid=
cleanup() {
  if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_local_redis() {
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$@" redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --daemonize no \
    --logfile "$tmp/redis.log" --dir "$tmp" &
  server_pid=$!
  for _ in $(seq 100); do
    redis-cli -p "$port" ping >/dev/null 2>&1 && break
    sleep 0.05
  done
  redis-cli -p "$port" ping >/dev/null || { echo "redis-server did not start" >&2; exit 3; }
}
