#include "net/proxy_network.h"

#include <fmt/format.h>

#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>
#include <asio/post.hpp>
#include <future>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "base/errors.h"
#include "net/fault_proxy.h"
#include "net/link_rules.h"

namespace rrt {

struct ProxyNetwork::Impl {
  asio::io_context io;
  asio::executor_work_guard<asio::io_context::executor_type> work{io.get_executor()};
  std::thread thread;
  LinkRules rules;

  std::mutex mu;  // guards the two maps below, read by the io thread when a connection arrives
  std::map<std::string, std::string> source_names;  // source address -> host name
  std::set<std::string> hosts;                      // nodes and client hosts

  // Touched on the io thread only.
  std::map<std::string, std::vector<std::shared_ptr<FaultProxy>>> proxies;  // node -> proxies
  std::map<std::string, Endpoint> upstreams;                                // node -> its address

  // Runs `f` on the io thread and returns its result; rethrows what it threw.
  template <typename F>
  auto run(F f) -> decltype(f()) {
    std::packaged_task<decltype(f())()> task(std::move(f));
    auto result = task.get_future();
    asio::post(io, [&task] { task(); });
    return result.get();
  }

  std::string identify(const std::string& address) {
    std::lock_guard lock(mu);
    auto it = source_names.find(address);
    return it == source_names.end() ? "host" : it->second;
  }

  void require_host(const std::string& name) {
    std::lock_guard lock(mu);
    if (hosts.count(name)) return;
    std::string names;
    for (const auto& h : hosts) names += (names.empty() ? "" : ", ") + h;
    throw UsageError(
        fmt::format("no host named '{}' behind this lab's proxies (hosts: {})", name, names));
  }

  // Starts a proxy for `config` (whose connections identify() names when config.from is
  // empty) and files it under its node; returns where it listens. On the io thread.
  Endpoint start_proxy(const ProxyConfig& config) {
    FaultProxy::Identify by_address = nullptr;
    if (config.from.empty()) {
      by_address = [this](const std::string& address) { return identify(address); };
    }
    auto proxy = std::make_shared<FaultProxy>(io, config, rules, by_address);
    proxy->start();
    proxies[config.node].push_back(proxy);
    return proxy->endpoint();
  }

  // The proxies of `node` (its own and its client links), on the io thread.
  template <typename F>
  void each_proxy(const std::string& node, F f) {
    require_host(node);
    run([&] {
      for (auto& p : proxies[node]) f(*p);
    });
  }
};

ProxyNetwork::ProxyNetwork() : impl_(std::make_unique<Impl>()) {
  impl_->thread = std::thread([io = &impl_->io] { io->run(); });
}

ProxyNetwork::~ProxyNetwork() {
  stop();
  impl_->work.reset();
  impl_->io.stop();
  impl_->thread.join();
}

Endpoint ProxyNetwork::add_node(const std::string& name, const Endpoint& listen,
                                const Endpoint& upstream, const std::string& source_address) {
  {
    std::lock_guard lock(impl_->mu);
    impl_->source_names[source_address] = name;
    impl_->hosts.insert(name);
  }
  return impl_->run([&] {
    impl_->upstreams[name] = upstream;
    return impl_->start_proxy({name, listen, upstream, ""});
  });
}

Endpoint ProxyNetwork::add_port(const std::string& name, const Endpoint& listen,
                                const Endpoint& upstream) {
  impl_->require_host(name);
  return impl_->run([&] { return impl_->start_proxy({name, listen, upstream, ""}); });
}

Endpoint ProxyNetwork::add_link(const std::string& client, const std::string& node) {
  impl_->require_host(node);
  {
    std::lock_guard lock(impl_->mu);
    impl_->hosts.insert(client);
  }
  return impl_->run([&] {
    return impl_->start_proxy({node, {"127.0.0.1", 0}, impl_->upstreams.at(node), client});
  });
}

void ProxyNetwork::add_source(const std::string& client, const std::string& source_address) {
  std::lock_guard lock(impl_->mu);
  impl_->source_names[source_address] = client;
  impl_->hosts.insert(client);
}

void ProxyNetwork::stop() {
  impl_->run([&] {
    for (auto& [node, list] : impl_->proxies) {
      for (auto& p : list) p->stop();
    }
    impl_->proxies.clear();
  });
}

void ProxyNetwork::partition(const std::vector<std::vector<std::string>>& groups) {
  std::set<std::string> seen;
  for (const auto& group : groups) {
    for (const auto& name : group) {
      impl_->require_host(name);
      if (!seen.insert(name).second) {
        throw UsageError(fmt::format("'{}' is in two partition groups", name));
      }
    }
  }
  for (size_t i = 0; i < groups.size(); ++i) {
    for (size_t j = 0; j < groups.size(); ++j) {
      if (i == j) continue;
      for (const auto& a : groups[i]) {
        for (const auto& b : groups[j]) impl_->rules.cut(a, b);
      }
    }
  }
}

void ProxyNetwork::cut_one_way(const std::string& from, const std::string& to) {
  impl_->require_host(from);
  impl_->require_host(to);
  impl_->rules.cut(from, to);
}

void ProxyNetwork::loss(const std::string& node, double percent) {
  impl_->require_host(node);
  if (percent < 0 || percent > 100) {
    throw UsageError(fmt::format("bad loss {}%: expected 0 to 100", percent));
  }
  impl_->rules.set_loss(node, percent / 100);
}

void ProxyNetwork::bandwidth(const std::string& node, int kbit_per_s) {
  impl_->require_host(node);
  if (kbit_per_s < 0) throw UsageError(fmt::format("bad bandwidth {} kbit/s", kbit_per_s));
  impl_->rules.set_bandwidth(node, kbit_per_s);
}

void ProxyNetwork::latency(const std::string& node, Nanos delay, Nanos jitter) {
  impl_->require_host(node);
  if (delay < 0 || jitter < 0) throw UsageError("latency and jitter must not be negative");
  impl_->rules.set_latency(node, delay, jitter);
}

void ProxyNetwork::heal() {
  impl_->rules.clear();
  impl_->run([&] {
    for (auto& [node, list] : impl_->proxies) {
      for (auto& p : list) {
        p->set_down(false);
        p->set_reset(false);
        p->set_blackhole(false);
        p->set_slow_close(0);
      }
    }
  });
}

void ProxyNetwork::down(const std::string& node) {
  impl_->each_proxy(node, [](FaultProxy& p) { p.set_down(true); });
}

void ProxyNetwork::reset(const std::string& node) {
  impl_->each_proxy(node, [](FaultProxy& p) { p.set_reset(true); });
}

void ProxyNetwork::blackhole(const std::string& node, Nanos close_after) {
  impl_->each_proxy(node, [&](FaultProxy& p) { p.set_blackhole(true, close_after); });
}

void ProxyNetwork::slow_close(const std::string& node, Nanos delay) {
  impl_->each_proxy(node, [&](FaultProxy& p) { p.set_slow_close(delay); });
}

size_t ProxyNetwork::open_connections(const std::string& node) {
  size_t n = 0;
  impl_->each_proxy(node, [&](FaultProxy& p) { n += p.open_connections(); });
  return n;
}

}  // namespace rrt
