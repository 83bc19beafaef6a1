// redis-cli run inside a pod's redis container through `kubectl exec`, authenticated the way the
// pod's own spec says (PasswordSource): `REDISCLI_AUTH="$(cat "$REDIS_PASSWORD_FILE")"` or
// `REDISCLI_AUTH="$REDIS_PASSWORD"`. The password never passes through rrt: the shell in the pod
// reads it. redis-cli gets -e, so an error reply (NOAUTH, "DEBUG command not allowed") is a
// non-zero exit, which kubectl exec passes on.
#pragma once

#include <string>
#include <vector>

#include "k8s/k8s_pods.h"
#include "k8s/kubectl.h"

namespace rrt {

// kubectl exec <pod> -c redis -- sh -c '<auth> redis-cli -e -p <port> <args...>'; it runs
// until redis-cli returns (`timeout_s`: 0 for the default deadline).
KubectlCall pod_redis_cli(const K8sPod& pod, const std::vector<std::string>& args,
                          int timeout_s = 0);

// A PING from inside `from` to `host`:`port` that waits at most `answer_ms` for the reply, run as
// kubectl exec; its output ends with a line "rrt-probe-exit=N" (N from coreutils timeout: 124
// when no reply came in time).
KubectlCall ping_probe(const K8sPod& from, const std::string& host, int port, int answer_ms);

// What a ping_probe saw.
enum class PingOutcome {
  kAnswered,     // a reply: PONG, or an error reply such as NOAUTH (the node is reachable)
  kSilent,       // no reply within answer_ms: paused, blocked, or packets dropped
  kUnreachable,  // redis-cli could not connect (refused, no route): down or rejected
  kError,        // the probe did not run (exec failed, no marker): quoted in `detail`
};
struct PingSeen {
  PingOutcome outcome = PingOutcome::kError;
  std::string detail;  // trimmed output, for messages
};
PingSeen judge_ping(const KubectlResult& result);

}  // namespace rrt
