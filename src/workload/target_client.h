// A client connection that follows a role rather than an address: to "the master" (asks the
// sentinels, connects, checks ROLE says master) or to "a replica" (one the sentinels consider
// healthy). After any error the connection is dropped and the next operation asks again, as
// Sentinel-aware client libraries do; with a SwitchWatcher it also moves as soon as a sentinel
// announces +switch-master. On a cluster topology (kind "cluster") it is a cluster client
// instead (cluster/cluster_client.h): each command goes to the master of its key's slot,
// following MOVED and ASK, and node() names the node that answered.
//
// It is the load engine's link (load/client_link.h) for every scenario workload that follows
// the master, and for `rrt bench` against a Sentinel URL; it lives on its client's thread.
#pragma once

#include <asio/awaitable.hpp>
#include <memory>
#include <string>

#include "load/client_link.h"
#include "resp/connection.h"
#include "workload/switch_watcher.h"
#include "workload/workload.h"

namespace rrt {

class ClusterClient;

class TargetClient : public ClientLink {
 public:
  enum class Target { kMaster, kReplica };
  // `ctx` must outlive the client; `index` spreads replica readers over the replicas and picks
  // the client host (ctx.connect_for); `timeout` bounds connecting and discovery (0:
  // ctx.op_timeout). With `switches` (non-null, read on `executor`'s thread, outliving the
  // client) a master client reconnects whenever a new master was announced. The client runs on
  // `executor`.
  TargetClient(WorkloadContext& ctx, asio::any_io_executor executor, Target target, int index,
               Nanos timeout = 0, const SwitchWatcher* switches = nullptr);
  ~TargetClient() override;

  bool is_open() const override;
  // Makes sure a connection to the target is open. Returns ok, or the `fail` result of the
  // attempt: "no-master" / "no-replica" (the sentinels named none), "not-master" (ROLE says the
  // sentinels' answer is out of date), or the connect error ("connect-refused", ...).
  asio::awaitable<CallResult> ensure() override;
  // Sends `count` encoded commands in one write. Any result other than ok (or an error reply
  // that leaves the connection usable) closes the connection for re-discovery. On a cluster,
  // one command at a time, to the node of the key last given to route() (a pipeline's keys may
  // live on different nodes: more than one fails).
  asio::awaitable<void> pipeline(const std::string& encoded, size_t count, Nanos timeout,
                                 std::vector<CallResult>* results) override;
  // Closes the connection: the next ensure() asks the sentinels (or the cluster) again.
  void drop();
  void close() override { drop(); }
  // On a cluster: node() becomes the master of `key`'s slot, where the next request goes.
  // Elsewhere node() already is the connected node.
  void route(const std::string& key) override;
  // "host:port" of the node the client is (or last tried to be) connected to; "" if none yet.
  const std::string& node() const override { return node_; }

 private:
  asio::awaitable<CallResult> connect_to_target();

  // True when a +switch-master came since the connection was made.
  bool switched() const { return switches_ && switches_->generation() != generation_; }

  WorkloadContext& ctx_;
  Target target_;
  int index_;
  Nanos timeout_;
  const SwitchWatcher* switches_;
  uint64_t generation_;
  Connection conn_;
  std::unique_ptr<ClusterClient> cluster_;  // set for cluster topologies only
  std::string key_;                         // of the next request, for a cluster
  std::string node_;
};

// Links (load/client_link.h) that follow the roles of ctx's topology: a route's master link is a
// master TargetClient (following `switches` if non-null), its replica link a replica one. `ctx`
// and `switches` must outlive the links; `timeout` as TargetClient's.
LinkFactory target_links(WorkloadContext& ctx, Nanos timeout, const SwitchWatcher* switches);

// True for error kinds after which a client should look for the master again: the node is gone,
// not the master any more, or refuses writes as a replica would.
bool should_rediscover(const CallResult& result);

}  // namespace rrt
