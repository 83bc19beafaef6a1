#include "cluster/cluster_client.h"

#include <fmt/format.h>

#include <algorithm>

#include "cluster/key_slot.h"
#include "cluster/redirect.h"
#include "resp/command.h"

namespace rrt {

// A seed gets at most this long to answer CLUSTER SLOTS, so one paused node cannot use up a
// command's whole deadline.
static constexpr Nanos kSeedTimeout = 300 * kMillis;

// Built outside the coroutines: g++ 12 rejects braced lists of string literals inside one.
static Args cluster_slots_command() {
  return {"CLUSTER", "SLOTS"};
}
static Args asking_command() {
  return {"ASKING"};
}

ClusterClient::ClusterClient(asio::any_io_executor executor, std::vector<Endpoint> seeds,
                             ConnectOptions connect, int max_redirects)
    : executor_(std::move(executor)),
      seeds_(std::move(seeds)),
      connect_(std::move(connect)),
      max_redirects_(max_redirects) {}

ClusterClient::~ClusterClient() = default;

void ClusterClient::reset() {
  stale_ = true;
  connections_.clear();
}

std::string ClusterClient::node_for(const std::string& key) const {
  auto owner = map_.owner(key_slot(key));
  return owner ? owner->to_string() : "";
}

asio::awaitable<CallResult> ClusterClient::open(const Endpoint& node, Nanos deadline,
                                                Connection** out) {
  auto& slot = connections_[node.to_string()];
  if (slot && slot->is_open()) {
    *out = slot.get();
    co_return succeeded();
  }
  slot = std::make_unique<Connection>(executor_);
  ConnectOptions o = connect_;
  o.timeout = std::max<Nanos>(1, std::min(o.timeout, deadline - mono_ns()));
  CallResult r = co_await slot->connect(node, o);
  *out = slot.get();
  co_return r;
}

asio::awaitable<CallResult> ClusterClient::load_map(Nanos deadline) {
  std::string errors;
  const Args slots = cluster_slots_command();
  for (size_t i = 0; i < seeds_.size() && mono_ns() < deadline; ++i) {
    size_t index = (next_seed_ + i) % seeds_.size();
    const Endpoint& seed = seeds_[index];
    Nanos seed_deadline = std::min(deadline, mono_ns() + kSeedTimeout);
    Connection* c = nullptr;
    CallResult r = co_await open(seed, seed_deadline, &c);
    if (r.ok()) r = co_await c->call(slots, std::max<Nanos>(1, seed_deadline - mono_ns()));
    if (r.ok()) {
      try {
        SlotMap map = SlotMap::from_cluster_slots(r.reply);
        if (!map.empty()) {
          map_ = std::move(map);
          stale_ = false;
          next_seed_ = index;
          co_return r;
        }
        r.detail = "no slots assigned";
      } catch (const std::invalid_argument& e) {
        r.detail = e.what();
      }
    } else if (r.outcome == Outcome::kInfo) {
      c->close();
    }
    errors += fmt::format("{}{}: {}", errors.empty() ? "" : "; ", seed.to_string(), r.detail);
  }
  co_return failed_before_send(
      "no-slot-map", "no seed gave the slot map: " + (errors.empty() ? "deadline" : errors));
}

asio::awaitable<CallResult> ClusterClient::ensure(Nanos timeout) {
  if (!stale_ && !map_.empty()) co_return succeeded();
  co_return co_await load_map(mono_ns() + timeout);
}

asio::awaitable<CallResult> ClusterClient::call(const Args& args, Nanos timeout) {
  std::string encoded;
  append_command(args, &encoded);
  // Named, not a temporary in the co_await: g++ 12 miscompiles those in coroutines.
  const std::string key = args.size() > 1 ? args[1] : std::string();
  CallResult r = co_await call(key, encoded, timeout);
  co_return r;
}

asio::awaitable<CallResult> ClusterClient::call(const std::string& key, const std::string& encoded,
                                                Nanos timeout) {
  Nanos deadline = mono_ns() + timeout;
  int slot = key_slot(key);
  auto owner = map_.owner(slot);
  if (!owner) {
    stale_ = true;
    co_return failed_before_send("no-slot-owner", fmt::format("no node serves slot {}", slot));
  }
  Endpoint target = *owner;
  bool asking = false;
  const Args asking_cmd = asking_command();
  for (int hop = 0;; ++hop) {
    last_node_ = target.to_string();
    Connection* c = nullptr;
    CallResult r = co_await open(target, deadline, &c);
    if (r.ok() && asking)
      r = co_await c->call(asking_cmd, std::max<Nanos>(1, deadline - mono_ns()));
    if (r.ok()) {
      co_await c->pipeline(encoded, 1, std::max<Nanos>(1, deadline - mono_ns()), &one_result_);
      r = std::move(one_result_.front());
    }
    if (r.ok()) co_return r;
    if (r.outcome == Outcome::kInfo || r.reply.type() != Reply::Type::kError) {
      stale_ = true;  // node gone or unreachable: the map may be out of date
      co_return r;
    }
    auto redirect = parse_redirect(r.reply.str(), target);
    if (!redirect) {
      if (r.error == "CLUSTERDOWN" || r.error == "TRYAGAIN") stale_ = true;
      co_return r;
    }
    if (redirect->moved) {
      map_.set_owner(redirect->slot, redirect->target);
      stale_ = true;  // a MOVED means the map changed: reload it all before the next command
    }
    if (hop >= max_redirects_ || mono_ns() >= deadline) co_return r;
    ++redirects_;
    target = redirect->target;
    asking = !redirect->moved;
  }
}

}  // namespace rrt
