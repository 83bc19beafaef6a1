#include "observe/node_poller.h"

#include <map>
#include <memory>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/steady_timer.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>

#include "observe/role_tracker.h"
#include "resp/sync_client.h"

namespace rrt {

namespace {

// State shared by the pollers of one run; lives on the client loop's thread only.
struct PollState {
  RoleTracker tracker;
  EventLog* events = nullptr;
  void record(const NodeSample& s, Nanos mono) {
    if (auto change = tracker.observe(s))
      events->add("observer", "role-change", s.node, *change, mono);
  }
};

NodeSample sample_from(const NodeInfo& node, const CallResult& r) {
  NodeSample s{node.name, node.endpoint.to_string(), "", -1, "", ""};
  if (!r.ok()) {
    s.role = r.error == "timeout" || r.error == "connect-timeout" ? "unresponsive" : "down";
    return s;
  }
  std::string_view info = r.reply.str();
  std::string role = info_field(info, "role");
  s.role = role == "slave" ? "replica" : role;
  std::string offset =
      info_field(info, role == "slave" ? "slave_repl_offset" : "master_repl_offset");
  if (!offset.empty()) s.offset = std::stoll(offset);
  if (role == "slave") {
    s.master = info_field(info, "master_host") + ":" + info_field(info, "master_port");
    s.link = info_field(info, "master_link_status");
  }
  return s;
}

// Built outside the coroutine: g++ 12 rejects braced lists of string literals inside one.
static Args info_replication_command() { return {"INFO", "replication"}; }

asio::awaitable<void> sleep_for(Nanos d) {
  asio::steady_timer t(co_await asio::this_coro::executor);
  t.expires_after(std::chrono::nanoseconds(d));
  co_await t.async_wait(asio::use_awaitable);
}

asio::awaitable<void> poll_one(NodeInfo node, PollOptions o, std::shared_ptr<PollState> state,
                               std::shared_ptr<bool> removed, const std::atomic<bool>& stop) {
  Connection conn(co_await asio::this_coro::executor);
  ConnectOptions connect = o.connect;
  connect.timeout = o.timeout;
  // Named, not a braced temporary in the co_await: g++ 12 miscompiles those in coroutines.
  const Args info = info_replication_command();
  while (!stop && !*removed) {
    Nanos begin = mono_ns();
    CallResult r;
    // Two attempts when an open connection fails: Sentinel kills every client connection of
    // a node it reconfigures (CLIENT KILL TYPE normal), which says nothing about the node.
    for (int attempt = 0; attempt < 2 && !r.ok(); ++attempt) {
      bool was_open = conn.is_open();
      if (!was_open) r = co_await conn.connect(node.endpoint, connect);
      if (conn.is_open()) r = co_await conn.call(info, o.timeout);
      if (!r.ok()) conn.close();
      if (!was_open || r.error == "timeout") break;
    }
    if (stop || *removed) break;
    state->record(sample_from(node, r), mono_ns());
    Nanos spent = mono_ns() - begin;
    if (spent < o.interval) co_await sleep_for(o.interval - spent);
  }
}

}  // namespace

asio::awaitable<void> poll_nodes(const WatchList& list, PollOptions options, EventLog& events,
                                 const std::atomic<bool>& stop) {
  auto executor = co_await asio::this_coro::executor;
  auto state = std::make_shared<PollState>();
  state->events = &events;
  std::map<std::string, std::shared_ptr<bool>> pollers;  // node -> its "removed" flag
  while (!stop) {
    std::vector<NodeInfo> nodes = list.get();
    for (const auto& n : nodes) {
      if (pollers.count(n.name)) continue;
      pollers[n.name] = std::make_shared<bool>(false);
      asio::co_spawn(executor, poll_one(n, options, state, pollers[n.name], stop), asio::detached);
    }
    for (auto it = pollers.begin(); it != pollers.end();) {
      bool listed = false;
      for (const auto& n : nodes) listed |= n.name == it->first;
      if (listed) {
        ++it;
        continue;
      }
      *it->second = true;
      state->tracker.forget(it->first);
      it = pollers.erase(it);
    }
    if (auto offsets = state->tracker.offsets_if_changed()) {
      events.add("observer", "offsets", "", *offsets);
    }
    co_await sleep_for(options.interval);
  }
}

}  // namespace rrt
