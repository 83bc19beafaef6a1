// A client connection that follows a role rather than an address: to "the master" (asks the
// sentinels, connects, checks ROLE says master) or to "a replica" (one the sentinels consider
// healthy). After any error the connection is dropped and the next operation asks again, as
// Sentinel-aware client libraries do. On a cluster topology (kind "cluster") it is a cluster
// client instead (cluster/cluster_client.h): each command goes to the master of its key's slot.
#pragma once

#include <asio/awaitable.hpp>
#include <memory>
#include <string>

#include "resp/connection.h"
#include "workload/workload.h"

namespace rrt {

class ClusterClient;

class TargetClient {
 public:
  enum class Target { kMaster, kReplica };
  // `ctx` must outlive the client; `index` spreads replica readers over the replicas;
  // `timeout` is each request's deadline (0: ctx.op_timeout).
  TargetClient(WorkloadContext& ctx, Target target, int index, Nanos timeout = 0);
  ~TargetClient();

  // Makes sure a connection to the target is open. Returns ok, or the `fail` result of the
  // attempt: "no-master" / "no-replica" (the sentinels named none), "not-master" (ROLE says the
  // sentinels' answer is out of date), or the connect error ("connect-refused", ...).
  asio::awaitable<CallResult> ensure();
  // Sends one command on the open connection with the client's timeout. Any result other than
  // ok (or an error reply that leaves the connection usable) closes it for re-discovery.
  asio::awaitable<CallResult> call(const Args& args);
  // Closes the connection: the next ensure() asks the sentinels (or the cluster) again.
  void drop();
  // Sets node() to where `args` will go, before the operation is recorded: on a cluster the
  // master of args[1]'s slot; elsewhere node() already is the connected node.
  void route(const Args& args);
  // "host:port" of the node the client is (or last tried to be) connected to; "" if none yet.
  const std::string& node() const { return node_; }

 private:
  asio::awaitable<CallResult> connect_to_target();

  WorkloadContext& ctx_;
  Target target_;
  int index_;
  Nanos timeout_;
  Connection conn_;
  std::unique_ptr<ClusterClient> cluster_;  // set for cluster topologies only
  std::string node_;
};

// True for error kinds after which a client should look for the master again: the node is gone,
// not the master any more, or refuses writes as a replica would.
bool should_rediscover(const CallResult& result);

}  // namespace rrt
