#include "workload/kv_load_workload.h"

#include <fmt/format.h>

#include <asio/post.hpp>
#include <nlohmann/json.hpp>

#include "workload/engine_run.h"
#include "workload/target_client.h"

namespace rrt {

KvLoadWorkload::~KvLoadWorkload() {
  join();
}

void KvLoadWorkload::join() {
  if (engine_thread_.joinable()) engine_thread_.join();
}

static LoadOptions engine_options(const KvLoadOptions& o, WorkloadContext& ctx) {
  LoadOptions load = workload_load_options(ctx, o.clients);
  load.threads = o.threads;
  load.pipeline = o.pipeline;
  load.rate = o.rate;
  load.timeout = o.timeout;
  load.requests = static_cast<uint64_t>(o.ops) * o.clients;
  // As the other workloads' retry_delay: a client must not sleep through the new master.
  load.backoff_max = 100 * kMillis;
  load.link = target_links(ctx, o.timeout, nullptr);
  return load;
}

void KvLoadWorkload::start(WorkloadContext& ctx, std::function<void()> done) {
  if (ctx.topology.kind == TopologyKind::kCluster) {
    error_ =
        "not on Redis Cluster (a pipeline's keys may live on different nodes); use the "
        "register workload";
    asio::post(ctx.executor, done);
    return;
  }
  KvOptions kv = options_.kv;
  kv.key_prefix = ctx.key_prefix;
  LoadOptions load = engine_options(options_, ctx);
  int clients = options_.clients;
  engine_ = std::make_unique<LoadEngine>(
      load, [kv, clients](int id) { return std::make_unique<KvGenerator>(kv, id, clients); },
      ctx.history);
  live_ = engine_.get();
  engine_thread_ = std::thread([this, &ctx, done] {
    try {
      report_ = engine_->run();
    } catch (const std::exception& e) {
      error_ = e.what();
    }
    asio::post(ctx.executor, done);
  });
}

LoadReport KvLoadWorkload::progress() const {
  const LoadEngine* engine = live_.load();
  return engine ? engine->progress() : LoadReport{};
}

asio::awaitable<void> KvLoadWorkload::finish(WorkloadContext&) {
  join();  // `done` came from the engine thread's last act
  co_return;
}

std::vector<std::string> KvLoadWorkload::checks() const {
  if (options_.kv.get_weight == 0) return {};  // writes alone cannot show a lost write
  return {"register"};
}

nlohmann::json KvLoadWorkload::options() const {
  const KvOptions& kv = options_.kv;
  return {{"clients", options_.clients},
          {"threads", options_.threads},
          {"pipeline", options_.pipeline},
          {"rate", options_.rate},
          {"ops", options_.ops},
          {"timeout_ms", options_.timeout / kMillis},
          {"ratio", fmt::format("{}:{}", kv.set_weight, kv.get_weight)},
          {"keys", kv.keys},
          {"key_pattern", key_pattern_name(kv.pattern)},
          {"data_size", kv.data_size}};
}

nlohmann::json KvLoadWorkload::summary() const {
  nlohmann::json out = {{"workload", "kv"}, {"options", options()}, {"load", to_json(report_)}};
  if (!error_.empty()) out["error"] = error_;
  return out;
}

std::string KvLoadWorkload::report_text() const {
  std::string speed =
      options_.rate > 0 ? fmt::format("rate {:.0f}/s", options_.rate) : std::string("full speed");
  std::string head =
      fmt::format("kv  {} clients, pipeline {}, {}: ", options_.clients, options_.pipeline, speed);
  if (!error_.empty()) return head + "did not run: " + error_ + "\n";
  return head + to_text(report_) + "\n";
}

}  // namespace rrt
