#include "workload/counter_workload.h"

#include <fmt/format.h>

#include "resp/command.h"

namespace rrt {

// How long finish() keeps trying to read a key: the faults were healed, but a failover may
// still be completing.
static constexpr Nanos kFinalReadTimeout = 20 * kSeconds;

bool CounterGenerator::next(std::string* out, Op* op, Step*) {
  if (ops_ > 0 && sent_ >= ops_) return false;
  ++sent_;
  append_command({"INCR", key_}, out);
  op->f = "incr";
  op->key = key_;
  op->value = Value::of(1);
  return true;
}

std::string CounterWorkload::key(WorkloadContext& ctx, int i) const {
  return fmt::format("{}counter:{}", ctx.key_prefix, i % options_.keys);
}

void CounterWorkload::start(WorkloadContext& ctx, std::function<void()> done) {
  auto generators = [this, &ctx](int i) {
    return std::make_unique<CounterGenerator>(key(ctx, i), options_.ops);
  };
  start_clients(ctx, options_, generators, engine_, switches_, std::move(done));
}

// The integer a final GET read: 0 for a key no increment ever reached.
static Value counter_value(const CallResult& r) {
  if (r.reply.is_nil()) return Value::of(0);
  try {
    return Value::of(std::stoll(std::string(r.reply.str())));
  } catch (const std::exception&) {
    return Value::of(std::string(r.reply.str()));
  }
}

asio::awaitable<void> CounterWorkload::finish(WorkloadContext& ctx) {
  final_values_.assign(std::min(options_.keys, options_.clients), -1);
  for (size_t i = 0; i < final_values_.size(); ++i) {
    std::string k = key(ctx, static_cast<int>(i));
    std::string get;
    append_command({"GET", k}, &get);
    CallResult r = co_await read_until_ok(ctx, ctx.process_base + options_.clients, "read", k, get,
                                          counter_value, kFinalReadTimeout);
    if (r.ok()) final_values_[i] = counter_value(r).integer;
  }
}

nlohmann::json CounterWorkload::options() const {
  return to_json(options_);
}

nlohmann::json CounterWorkload::summary() const {
  return {{"workload", "counter"},
          {"options", options()},
          {"increments", to_json(engine_.report())},
          {"final_values", final_values_}};
}

std::string CounterWorkload::report_text() const {
  std::string finals;
  for (int64_t v : final_values_)
    finals += (finals.empty() ? "" : ", ") + (v < 0 ? "?" : std::to_string(v));
  return fmt::format("counter  {}: increments {}; final value {}\n", describe_clients(options_),
                     to_line(engine_.report()), finals.empty() ? "not read" : finals);
}

}  // namespace rrt
