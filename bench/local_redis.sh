# Sourced by the bench scripts: starts one throwaway redis-server on a free loopback port.
#   start_local_redis [prefix command...]   e.g. start_local_redis taskset -c 0
# Sets $tmp (a temporary directory, removed at exit), $port and $server_pid; the server is
# stopped at exit. Exits 3 if a tool is missing or the server does not answer.
# With TLS=1 the server listens only on TLS, with a CA and a server certificate made by the
# openssl CLI (as Redis's utils/gen-test-certs.sh does); then $tls holds redis-cli's and
# redis-benchmark's flags (--tls --cacert ...) and $scheme is rediss (else redis) for rrt.

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

make_test_certs() {
  openssl req -x509 -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 -days 2 \
    -subj "/CN=bench CA" -keyout "$tmp/ca.key" -out "$tmp/ca.crt" 2>/dev/null
  openssl req -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 -subj "/CN=127.0.0.1" \
    -keyout "$tmp/redis.key" -out "$tmp/redis.csr" 2>/dev/null
  openssl x509 -req -in "$tmp/redis.csr" -CA "$tmp/ca.crt" -CAkey "$tmp/ca.key" \
    -CAcreateserial -days 2 -out "$tmp/redis.crt" 2>/dev/null
}

start_local_redis() {
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  local listen=(--port "$port")
  tls=()
  scheme=redis
  if [[ ${TLS:-0} == 1 ]]; then
    make_test_certs
    listen=(--port 0 --tls-port "$port" --tls-cert-file "$tmp/redis.crt" --tls-key-file "$tmp/redis.key"
            --tls-ca-cert-file "$tmp/ca.crt" --tls-auth-clients no)
    tls=(--tls --cacert "$tmp/ca.crt")
    scheme=rediss
  fi
  "$@" redis-server "${listen[@]}" --bind 127.0.0.1 --save "" --appendonly no --daemonize no \
    --logfile "$tmp/redis.log" --dir "$tmp" &
  server_pid=$!
  for _ in $(seq 100); do
    redis-cli "${tls[@]}" -p "$port" ping >/dev/null 2>&1 && break
    sleep 0.05
  done
  redis-cli "${tls[@]}" -p "$port" ping >/dev/null || { echo "redis-server did not start" >&2; exit 3; }
}
