// A client connection that follows a role rather than an address: to "the master" (asks the
// sentinels, connects, checks ROLE says master) or to "a replica" (one the sentinels consider
// healthy). After any error the connection is dropped and the next operation asks again, as
// Sentinel-aware client libraries do. On a cluster topology (kind "cluster") it is a cluster
// client instead (cluster/cluster_client.h): each command goes to the master of its key's slot.
//
// It is also the load engine's link (load/client_link.h) when a scenario drives the engine
// (workload/kv_load_workload.h): then it lives on one of the engine's threads.
#pragma once

#include <asio/awaitable.hpp>
#include <memory>
#include <string>

#include "load/client_link.h"
#include "resp/connection.h"
#include "workload/workload.h"

namespace rrt {

class ClusterClient;

class TargetClient : public ClientLink {
 public:
  enum class Target { kMaster, kReplica };
  // `ctx` must outlive the client; `index` spreads replica readers over the replicas;
  // `timeout` is each request's deadline (0: ctx.op_timeout). The client runs on ctx.executor,
  // or on `executor` with the second form.
  TargetClient(WorkloadContext& ctx, Target target, int index, Nanos timeout = 0);
  TargetClient(WorkloadContext& ctx, asio::any_io_executor executor, Target target, int index,
               Nanos timeout = 0);
  ~TargetClient() override;

  bool is_open() const override;
  // Makes sure a connection to the target is open. Returns ok, or the `fail` result of the
  // attempt: "no-master" / "no-replica" (the sentinels named none), "not-master" (ROLE says the
  // sentinels' answer is out of date), or the connect error ("connect-refused", ...).
  asio::awaitable<CallResult> ensure() override;
  // Sends one command on the open connection with the client's timeout. Any result other than
  // ok (or an error reply that leaves the connection usable) closes it for re-discovery.
  asio::awaitable<CallResult> call(const Args& args);
  // Sends `count` encoded commands in one write (not on a cluster: the keys may live on
  // different nodes); closes the connection for re-discovery as call() does.
  asio::awaitable<void> pipeline(const std::string& encoded, size_t count, Nanos timeout,
                                 std::vector<CallResult>* results) override;
  // Closes the connection: the next ensure() asks the sentinels (or the cluster) again.
  void drop();
  void close() override { drop(); }
  // Sets node() to where `args` will go, before the operation is recorded: on a cluster the
  // master of args[1]'s slot; elsewhere node() already is the connected node.
  void route(const Args& args);
  // "host:port" of the node the client is (or last tried to be) connected to; "" if none yet.
  const std::string& node() const override { return node_; }

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
