#include "topo/discovery_async.h"

#include <asio/this_coro.hpp>

#include "topo/master.h"

namespace rrt {

namespace {

// Sends `args` to each sentinel in turn; returns the first ok reply.
asio::awaitable<std::optional<Reply>> ask_sentinels(const Topology& t, const Args& args,
                                                    ConnectOptions options, Nanos timeout) {
  auto executor = co_await asio::this_coro::executor;
  options.timeout = timeout;
  for (const auto& sentinel : t.sentinel_endpoints()) {
    Connection conn(executor);
    CallResult r = co_await conn.connect(sentinel, options);
    if (r.ok()) r = co_await conn.call(args, timeout);
    if (r.ok() && !r.reply.is_nil()) co_return std::move(r.reply);
  }
  co_return std::nullopt;
}

// A flat [k1, v1, k2, v2, ...] reply's value for `key`.
std::string field(const Reply& flat, std::string_view key) {
  for (size_t i = 0; i + 1 < flat.size(); i += 2) {
    if (flat.at(i).str() == key) return std::string(flat.at(i + 1).str());
  }
  return "";
}

std::vector<Endpoint> endpoints_with_role(const Topology& t, Role role) {
  std::vector<Endpoint> out;
  for (const auto& n : t.with_role(role)) out.push_back(n.endpoint);
  return out;
}

// Step 2 of the rule (topo/master.h): the first data node whose ROLE says master, the
// topology's masters asked first; nothing if none does.
asio::awaitable<std::optional<Endpoint>> master_by_role(const Topology& t, ConnectOptions options,
                                                        Nanos timeout) {
  auto executor = co_await asio::this_coro::executor;
  options.timeout = timeout;
  std::vector<Endpoint> nodes = master_candidates(t);
  Args role = {"ROLE"};
  for (const auto& ep : nodes) {
    Connection conn(executor);
    CallResult r = co_await conn.connect(ep, options);
    if (r.ok()) r = co_await conn.call(role, timeout);
    if (r.ok() && role_says_master(r.reply)) co_return ep;
  }
  co_return std::nullopt;
}

}  // namespace

asio::awaitable<std::optional<Endpoint>> discover_master(const Topology& t, ConnectOptions options,
                                                         Nanos timeout) {
  if (t.sentinel_endpoints().empty() && t.kind == TopologyKind::kReplication) {
    co_return co_await master_by_role(t, options, timeout);
  }
  if (t.sentinel_endpoints().empty()) {
    auto masters = endpoints_with_role(t, Role::kMaster);
    if (masters.empty()) co_return std::nullopt;
    co_return masters.front();
  }
  // Named, not a braced temporary in the co_await: g++ 12 miscompiles those in coroutines.
  Args ask = master_addr_command(t.master_name);
  auto reply = co_await ask_sentinels(t, ask, options, timeout);
  if (!reply) co_return std::nullopt;
  co_return master_addr_of(*reply);
}

asio::awaitable<std::vector<Endpoint>> discover_replicas(const Topology& t, ConnectOptions options,
                                                         Nanos timeout) {
  if (t.sentinel_endpoints().empty()) co_return endpoints_with_role(t, Role::kReplica);
  Args ask = {"SENTINEL", "REPLICAS", t.master_name};
  auto reply = co_await ask_sentinels(t, ask, options, timeout);
  std::vector<Endpoint> out;
  for (size_t i = 0; reply && i < reply->size(); ++i) {
    Reply r = reply->at(i);
    std::string flags = field(r, "flags");
    if (flags.find("down") != std::string::npos ||
        flags.find("disconnected") != std::string::npos || field(r, "master-link-status") != "ok") {
      continue;
    }
    try {
      out.push_back({field(r, "ip"), std::stoi(field(r, "port"))});
    } catch (const std::exception&) {
    }
  }
  co_return out;
}

}  // namespace rrt
