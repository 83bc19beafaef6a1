#include "workload/counter_workload.h"

#include <fmt/format.h>

namespace rrt {

// How long finish() keeps trying to read a key: the faults were healed, but a failover may
// still be completing.
static constexpr Nanos kFinalReadTimeout = 20 * kSeconds;

std::string CounterWorkload::key(WorkloadContext& ctx, int i) const {
  return fmt::format("{}counter:{}", ctx.key_prefix, i % options_.keys);
}

void CounterWorkload::start(WorkloadContext& ctx, std::function<void()> done) {
  auto make_next = [this, &ctx](int i) {
    std::string k = key(ctx, i);
    return [k](int64_t) { return ClientOp{"incr", k, Value::of(1), {"INCR", k}, false, {}}; };
  };
  start_clients(ctx, options_, make_next, stats_, switches_, std::move(done));
}

asio::awaitable<void> CounterWorkload::finish(WorkloadContext& ctx) {
  final_values_.assign(std::min(options_.keys, options_.clients), -1);
  for (size_t i = 0; i < final_values_.size(); ++i) {
    std::string k = key(ctx, static_cast<int>(i));
    auto parse = [](const CallResult& r) {
      if (r.reply.is_nil()) return Value::of(0);  // no increment ever reached the key
      try {
        return Value::of(std::stoll(std::string(r.reply.str())));
      } catch (const std::exception&) {
        return Value::of(std::string(r.reply.str()));
      }
    };
    ClientOp read{"read", k, Value::nil(), {"GET", k}, false, parse};
    CallResult r =
        co_await run_until_ok(ctx, ctx.process_base + options_.clients, read, kFinalReadTimeout);
    if (r.ok()) final_values_[i] = parse(r).integer;
  }
}

nlohmann::json CounterWorkload::options() const {
  return to_json(options_);
}

nlohmann::json CounterWorkload::summary() const {
  return {{"workload", "counter"},
          {"options", options()},
          {"increments", stats_.to_json()},
          {"final_values", final_values_}};
}

std::string CounterWorkload::report_text() const {
  std::string finals;
  for (int64_t v : final_values_)
    finals += (finals.empty() ? "" : ", ") + (v < 0 ? "?" : std::to_string(v));
  return fmt::format("counter  {}: increments {}; final value {}\n", describe_clients(options_),
                     stats_.text(), finals.empty() ? "not read" : finals);
}

}  // namespace rrt
