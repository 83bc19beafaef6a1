#include "workload/target_client.h"

#include <algorithm>

#include "cluster/cluster_client.h"
#include "topo/discovery_async.h"

namespace rrt {

// Discovery requests get this deadline at most: a client waiting longer for a sentinel than
// for Redis itself would hide the outage it is there to measure.
static constexpr Nanos kDiscoveryTimeout = 500 * kMillis;

TargetClient::TargetClient(WorkloadContext& ctx, asio::any_io_executor executor, Target target,
                           int index, Nanos timeout, const SwitchWatcher* switches)
    : ctx_(ctx),
      target_(target),
      index_(index),
      timeout_(timeout > 0 ? timeout : ctx.op_timeout),
      switches_(target == Target::kMaster ? switches : nullptr),
      generation_(switches_ ? switches_->generation() : 0),
      conn_(executor) {
  if (ctx.topology.kind == TopologyKind::kCluster) {
    std::vector<Endpoint> seeds;
    for (const auto& n : ctx.topology.nodes) seeds.push_back(n.endpoint);
    // Clients start at different seeds, so one dead node does not slow every client's refresh.
    std::rotate(seeds.begin(), seeds.begin() + index % std::max<size_t>(1, seeds.size()),
                seeds.end());
    // connect_for: a client placed on a client host connects from there (netns, proxy source).
    cluster_ = std::make_unique<ClusterClient>(executor, std::move(seeds), ctx.connect_for(index));
  }
}

TargetClient::~TargetClient() = default;

void TargetClient::drop() {
  conn_.close();
  if (cluster_) cluster_->reset();
}

void TargetClient::route(const std::string& key) {
  if (!cluster_) return;
  key_ = key;
  node_ = cluster_->node_for(key);
}

LinkFactory target_links(WorkloadContext& ctx, Nanos timeout, const SwitchWatcher* switches) {
  return [&ctx, timeout, switches](int id, Route route, asio::any_io_executor executor) {
    auto target =
        route == Route::kMaster ? TargetClient::Target::kMaster : TargetClient::Target::kReplica;
    return std::make_unique<TargetClient>(ctx, std::move(executor), target, id, timeout, switches);
  };
}

bool should_rediscover(const CallResult& r) {
  if (r.ok()) return false;
  if (r.outcome == Outcome::kInfo) return true;  // timeout or lost connection: closed already
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
  std::vector<NodeInfo> proxies = ctx_.topology.with_role(Role::kProxy);
  if (!proxies.empty()) {
    // Behind twemproxy every command goes to the proxy, which picks the shard; it knows no ROLE.
    node_ = proxies[index_ % proxies.size()].endpoint.to_string();
    ConnectOptions o = ctx_.connect;
    o.timeout = std::min(o.timeout, timeout_);
    co_return co_await conn_.connect(proxies[index_ % proxies.size()].endpoint, o);
  }
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

bool TargetClient::is_open() const {
  return cluster_ || switched() ? false : conn_.is_open();
}

asio::awaitable<CallResult> TargetClient::ensure() {
  if (switched()) {
    generation_ = switches_->generation();
    drop();
  }
  if (cluster_) co_return co_await cluster_->ensure(std::min(timeout_, kDiscoveryTimeout));
  if (conn_.is_open()) co_return succeeded();
  co_return co_await connect_to_target();
}

asio::awaitable<void> TargetClient::pipeline(const std::string& encoded, size_t count,
                                             Nanos timeout, std::vector<CallResult>* results) {
  if (cluster_) {
    if (count != 1) {
      results->assign(count, failed_before_send("cluster", "no pipelines through a cluster"));
      co_return;
    }
    results->assign(1, co_await cluster_->call(key_, encoded, timeout));
    node_ = cluster_->last_node();
    co_return;
  }
  co_await conn_.pipeline(encoded, count, timeout, results);
  for (const CallResult& r : *results) {
    if (should_rediscover(r)) {
      conn_.close();
      break;
    }
  }
}

}  // namespace rrt
