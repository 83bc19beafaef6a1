#include "workload/target_client.h"

#include "workload/discovery_async.h"

namespace rrt {

// Discovery requests get this deadline at most: a client waiting longer for a sentinel than
// for Redis itself would hide the outage it is there to measure.
static constexpr Nanos kDiscoveryTimeout = 500 * kMillis;

TargetClient::TargetClient(WorkloadContext& ctx, Target target, int index, Nanos timeout)
    : ctx_(ctx),
      target_(target),
      index_(index),
      timeout_(timeout > 0 ? timeout : ctx.op_timeout),
      conn_(ctx.executor) {}

bool should_rediscover(const CallResult& r) {
  if (r.ok()) return false;
  if (r.outcome == OpType::kInfo) return true;  // timeout or lost connection: closed already
  static const char* kMoved[] = {"READONLY",        "LOADING",       "MASTERDOWN",
                                 "NOREPLICAS",      "not-master",    "connect-refused",
                                 "connect-timeout", "connect-error", "not-connected",
                                 "no-master",       "no-replica"};
  for (const char* kind : kMoved) {
    if (r.error == kind) return true;
  }
  return false;
}

asio::awaitable<CallResult> TargetClient::connect_to_target() {
  Nanos timeout = std::min(timeout_, kDiscoveryTimeout);
  Endpoint ep;
  if (target_ == Target::kMaster) {
    auto master = co_await discover_master(ctx_.topology, ctx_.connect_for(index_), timeout);
    if (!master) co_return failed_before_send("no-master", "no sentinel named a master");
    ep = *master;
  } else {
    auto replicas = co_await discover_replicas(ctx_.topology, ctx_.connect_for(index_), timeout);
    if (replicas.empty()) co_return failed_before_send("no-replica", "no healthy replica");
    ep = replicas[index_ % replicas.size()];
  }
  node_ = ep.to_string();
  ConnectOptions o = ctx_.connect_for(index_);
  o.timeout = std::min(o.timeout, timeout_);
  CallResult r = co_await conn_.connect(ep, o);
  if (!r.ok() || target_ != Target::kMaster) co_return r;
  // The sentinels' answer may be out of date (a demoted master): ROLE tells the truth.
  const Args role = {"ROLE"};  // named: g++ 12 miscompiles braced temporaries in co_await
  r = co_await conn_.call(role, timeout_);
  if (r.ok() && r.reply.size() > 0 && r.reply.at(0).str() == "master") co_return r;
  conn_.close();
  if (!r.ok()) co_return r;
  co_return failed_before_send("not-master", node_ + " is not a master (ROLE)");
}

asio::awaitable<CallResult> TargetClient::ensure() {
  if (conn_.is_open()) co_return CallResult{OpType::kOk, Reply(), "", ""};
  co_return co_await connect_to_target();
}

asio::awaitable<CallResult> TargetClient::call(const Args& args) {
  CallResult r = co_await conn_.call(args, timeout_);
  if (should_rediscover(r)) conn_.close();
  co_return r;
}

}  // namespace rrt
