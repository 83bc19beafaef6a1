#include "workload/stale_reads_workload.h"

#include <fmt/format.h>

#include "base/errors.h"
#include "load/fixed_link.h"
#include "resp/command.h"

namespace rrt {

bool StaleReadsGenerator::next(std::string* out, Op* op, Step* step) {
  op->key = key_;
  if (reading_) {
    append_command({"GET", key_}, out);
    op->f = "read";
    op->value = Value::nil();
    step->route = Route::kReplica;
    step->lane = 1;
    return true;
  }
  if (round_ >= rounds_) return false;
  ++round_;
  append_command({"SET", key_, std::to_string(round_)}, out);
  op->f = "write";
  op->value = Value::of(round_);
  return true;
}

void StaleReadsGenerator::complete(CallResult* result, Op* op) {
  bool was_read = reading_;
  reading_ = false;
  if (!result->ok()) {
    ++stats_->errors;
    return;
  }
  if (!was_read) {
    ++stats_->writes_ok;
    reading_ = true;
    return;
  }
  ++stats_->reads;
  if (!result->reply.is_nil()) {
    std::string text(result->reply.str());
    try {
      op->value = Value::of(static_cast<int64_t>(std::stoll(text)));
    } catch (const std::exception&) {
      op->value = Value::of(text);
    }
  }
  if (op->value != Value::of(round_)) ++stats_->stale;
}

void StaleReadsWorkload::start(WorkloadContext& ctx, std::function<void()> done) {
  auto masters = ctx.topology.with_role(Role::kMaster);
  auto replicas = ctx.topology.with_role(Role::kReplica);
  if (masters.empty() || replicas.empty()) {
    throw UsageError("the stale-reads workload needs a master and at least one replica");
  }
  stats_.assign(options_.pairs, {});
  for (int i = 0; i < options_.pairs; ++i) {
    stats_[i].replica = replicas[i % replicas.size()].endpoint.to_string();
  }
  LoadOptions load = workload_load_options(ctx, options_.pairs);
  load.rate = options_.rate;
  load.processes_per_client = 2;
  Endpoint master = masters.front().endpoint;
  std::vector<Endpoint> readers;
  for (const auto& r : replicas) readers.push_back(r.endpoint);
  ConnectOptions connect = ctx.connect;
  load.link = [master, readers, connect](int pair, Route route, asio::any_io_executor executor) {
    Endpoint to = route == Route::kMaster ? master : readers[pair % readers.size()];
    return std::make_unique<FixedLink>(std::move(executor), to, connect);
  };
  std::string prefix = ctx.key_prefix;
  int rounds = options_.rounds;
  auto generators = [this, prefix, rounds](int pair) {
    return std::make_unique<StaleReadsGenerator>(fmt::format("{}stale:{}", prefix, pair), rounds,
                                                 &stats_[pair]);
  };
  engine_.start(ctx, std::move(load), generators, std::move(done));
}

nlohmann::json StaleReadsWorkload::options() const {
  return {{"clients", options_.pairs}, {"ops", options_.rounds}, {"rate", options_.rate}};
}

nlohmann::json StaleReadsWorkload::summary() const {
  nlohmann::json pairs = nlohmann::json::array();
  for (const auto& s : stats_) {
    pairs.push_back({{"replica", s.replica},
                     {"reads", s.reads},
                     {"stale_reads", s.stale},
                     {"errors", s.errors}});
  }
  return {{"options", options()}, {"pairs", pairs}};
}

std::string StaleReadsWorkload::report_text() const {
  std::string out;
  int reads = 0, stale = 0;
  for (size_t i = 0; i < stats_.size(); ++i) {
    const auto& s = stats_[i];
    reads += s.reads;
    stale += s.stale;
    double rate = s.reads ? 100.0 * s.stale / s.reads : 0.0;
    out += fmt::format("pair {:>3}  replica {}  reads {:>5}  stale {:>4}  ({:.1f}%){}\n", i + 1,
                       s.replica, s.reads, s.stale, rate,
                       s.errors ? fmt::format("  errors {}", s.errors) : "");
  }
  out += fmt::format("total     {} reads, {} stale ({:.2f}%)\n", reads, stale,
                     reads ? 100.0 * stale / reads : 0.0);
  return out;
}

}  // namespace rrt
