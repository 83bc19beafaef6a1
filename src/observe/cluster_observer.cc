#include "observe/cluster_observer.h"

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/steady_timer.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>
#include <map>
#include <memory>

#include "cluster/cluster_nodes.h"
#include "resp/sync_client.h"

namespace rrt {

namespace {

// What one observer last reported about one subject.
struct SubjectView {
  std::string role, master, failure, slots;
  long long epoch = 0;
  bool operator==(const SubjectView&) const = default;
};

// Shared by the pollers of one run; used on the client loop's thread only.
struct ObserverState {
  std::vector<NodeInfo> nodes;
  EventLog* events = nullptr;
  std::map<std::string, std::map<std::string, SubjectView>> views;  // observer -> id -> view
  std::map<std::string, std::string> states;                        // observer -> cluster_state

  std::string name_of(const Endpoint& ep, const std::string& id) const {
    for (const auto& n : nodes) {
      if (n.endpoint == ep) return n.name;
    }
    return id;
  }

  void record(const std::string& observer, const std::vector<ClusterNodeView>& seen, Nanos mono) {
    std::map<std::string, std::string> names;  // id -> node name
    for (const auto& v : seen) names[v.id] = name_of(v.endpoint, v.id);
    auto& mine = views[observer];
    for (const auto& v : seen) {
      SubjectView now{
          v.is_master() ? "master" : "replica",
          v.master_id == "-" ? "" : (names.count(v.master_id) ? names[v.master_id] : v.master_id),
          v.failure(), v.slot_text(), v.config_epoch};
      auto it = mine.find(v.id);
      if (it != mine.end() && it->second == now) continue;
      mine[v.id] = now;
      events->add("cluster", "cluster-view", observer,
                  {{"subject", names[v.id]},
                   {"role", now.role},
                   {"master", now.master},
                   {"failure", now.failure},
                   {"epoch", now.epoch},
                   {"slots", now.slots}},
                  mono);
    }
  }

  void record_state(const std::string& observer, const std::string& state, Nanos mono) {
    if (state.empty() || states[observer] == state) return;
    states[observer] = state;
    events->add("cluster", "cluster-state", observer, {{"state", state}}, mono);
  }
};

// Built outside the coroutine: g++ 12 rejects braced lists of string literals inside one.
Args cluster_nodes_command() {
  return {"CLUSTER", "NODES"};
}
Args cluster_info_command() {
  return {"CLUSTER", "INFO"};
}

asio::awaitable<void> sleep_for(Nanos d) {
  asio::steady_timer t(co_await asio::this_coro::executor);
  t.expires_after(std::chrono::nanoseconds(d));
  co_await t.async_wait(asio::use_awaitable);
}

asio::awaitable<void> poll_one(NodeInfo node, ClusterObserveOptions o,
                               std::shared_ptr<ObserverState> state,
                               const std::atomic<bool>& stop) {
  Connection conn(co_await asio::this_coro::executor);
  ConnectOptions connect = o.connect;
  connect.timeout = o.timeout;
  const Args nodes_cmd = cluster_nodes_command();
  const Args info_cmd = cluster_info_command();
  while (!stop) {
    Nanos begin = mono_ns();
    CallResult r;
    if (!conn.is_open()) r = co_await conn.connect(node.endpoint, connect);
    if (conn.is_open()) r = co_await conn.call(nodes_cmd, o.timeout);
    if (r.ok()) {
      try {
        state->record(node.name, parse_cluster_nodes(r.reply.str()), mono_ns());
      } catch (const std::invalid_argument&) {
        // A reply we cannot read says nothing about the cluster: skip this poll.
      }
      r = co_await conn.call(info_cmd, o.timeout);
      if (r.ok())
        state->record_state(node.name, info_field(r.reply.str(), "cluster_state"), mono_ns());
    }
    if (!r.ok()) conn.close();
    if (stop) break;
    Nanos spent = mono_ns() - begin;
    if (spent < o.interval) co_await sleep_for(o.interval - spent);
  }
}

}  // namespace

asio::awaitable<void> observe_cluster(std::vector<NodeInfo> nodes, ClusterObserveOptions options,
                                      EventLog& events, const std::atomic<bool>& stop) {
  auto executor = co_await asio::this_coro::executor;
  auto state = std::make_shared<ObserverState>();
  state->nodes = nodes;
  state->events = &events;
  for (const auto& n : nodes) {
    asio::co_spawn(executor, poll_one(n, options, state, stop), asio::detached);
  }
  co_return;
}

}  // namespace rrt
