#include "workload/register_workload.h"

#include <fmt/format.h>

#include "resp/command.h"

namespace rrt {

bool RegisterGenerator::next(std::string* out, Op* op, Step* step) {
  if (options_.ops > 0 && sent_ >= options_.ops) return false;
  ++sent_;
  std::uniform_int_distribution<int> pick_key(0, options_.keys - 1);
  op->key = fmt::format("{}register:{}", options_.prefix, pick_key(rng_));
  if (std::uniform_real_distribution<double>(0, 1)(rng_) < options_.reads) {
    append_command({"GET", op->key}, out);
    op->f = "read";
    op->value = Value::nil();
    if (options_.replica_reads) step->route = Route::kReplica;
    return true;
  }
  int64_t v = values_->fetch_add(1, std::memory_order_relaxed);
  append_command({"SET", op->key, std::to_string(v)}, out);
  op->f = "write";
  op->value = Value::of(v);
  return true;
}

void RegisterGenerator::complete(CallResult* result, Op* op) {
  if (op->f != "read" || !result->ok()) return;  // a write shows its value again
  if (result->reply.is_nil()) return;            // nil, as the argument was
  std::string text(result->reply.str());
  try {
    op->value = Value::of(std::stoll(text));
  } catch (const std::exception&) {
    op->value = Value::of(text);
  }
}

void RegisterWorkload::start(WorkloadContext& ctx, std::function<void()> done) {
  RegisterGenerator::Options g;
  g.prefix = ctx.key_prefix;
  g.keys = options_.keys;
  g.reads = read_fraction_;
  g.replica_reads = options_.read_from == "replicas";
  g.ops = options_.ops;
  auto values = std::make_shared<std::atomic<int64_t>>(1);
  auto seed = std::make_shared<std::random_device>();
  auto generators = [g, values, seed](int) {
    return std::make_unique<RegisterGenerator>(g, values, (*seed)());
  };
  start_clients(ctx, options_, generators, engine_, switches_, std::move(done));
}

std::vector<std::string> RegisterWorkload::checks() const {
  if (options_.read_from == "replicas") return {"register", "stale-reads"};
  return {"register"};
}

nlohmann::json RegisterWorkload::options() const {
  nlohmann::json options = to_json(options_);
  options["reads"] = read_fraction_;
  return options;
}

nlohmann::json RegisterWorkload::summary() const {
  return {{"workload", "register"}, {"options", options()}, {"ops", to_json(engine_.report())}};
}

std::string RegisterWorkload::report_text() const {
  return fmt::format("register {} over {} keys (reads from {}): {}\n", describe_clients(options_),
                     options_.keys, options_.read_from, to_line(engine_.report()));
}

}  // namespace rrt
