// A Redis Cluster client on an Asio event loop: routes each command to the master of its key's
// slot, follows -MOVED (updates the slot and reloads the whole map before the next command) and
// -ASK (ASKING, then the command, on the named node; the map is kept), at most max_redirects
// times per command. -CLUSTERDOWN, -TRYAGAIN and -CROSSSLOT are returned as the definite
// failures they are (`fail` with that error kind), as is a last MOVED when redirects run out.
//
// The key of a command is args[1] (every workload command here has one key). One connection per
// node, opened on first use. Used by one coroutine at a time, like Connection.
#pragma once

#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cluster/slot_map.h"
#include "resp/connection.h"

namespace rrt {

class ClusterClient {
 public:
  // `seeds`: nodes to ask for the slot map, in this order (after the last one that answered).
  ClusterClient(asio::any_io_executor executor, std::vector<Endpoint> seeds, ConnectOptions connect,
                int max_redirects = 5);
  ~ClusterClient();

  // Loads the slot map if there is none or it is out of date. ok, or fail "no-slot-map" naming
  // every seed's error; never longer than `timeout` in all.
  asio::awaitable<CallResult> ensure(Nanos timeout);
  // Sends `args` to the node serving args[1]'s slot, following redirects; `timeout` bounds the
  // whole command, redirects included.
  asio::awaitable<CallResult> call(const Args& args, Nanos timeout);
  // As call(args), for one command already encoded (resp/command.h) whose key is `key`.
  asio::awaitable<CallResult> call(const std::string& key, const std::string& encoded,
                                   Nanos timeout);
  // Forgets the map (the next ensure() reloads it) and closes every connection.
  void reset();

  // "host:port" the command for `key` would go to now; "" if no map covers its slot.
  std::string node_for(const std::string& key) const;
  // "host:port" of the node that answered (or failed) the last call.
  const std::string& last_node() const { return last_node_; }
  const SlotMap& slot_map() const { return map_; }
  int64_t redirects() const { return redirects_; }  // MOVED and ASK followed so far

 private:
  asio::awaitable<CallResult> load_map(Nanos deadline);
  asio::awaitable<CallResult> open(const Endpoint& node, Nanos deadline, Connection** out);

  asio::any_io_executor executor_;
  std::vector<Endpoint> seeds_;
  size_t next_seed_ = 0;
  ConnectOptions connect_;
  int max_redirects_;
  SlotMap map_;
  bool stale_ = true;
  std::map<std::string, std::unique_ptr<Connection>> connections_;  // by "host:port"
  std::string last_node_;
  std::vector<CallResult> one_result_;  // call()'s reply, reused
  int64_t redirects_ = 0;
};

}  // namespace rrt
