#include "workload/register_workload.h"

#include <fmt/format.h>

namespace rrt {

static Value read_value(const CallResult& r) {
  if (r.reply.is_nil()) return Value::nil();
  std::string text(r.reply.str());
  try {
    return Value::of(std::stoll(text));
  } catch (const std::exception&) {
    return Value::of(text);
  }
}

ClientOp RegisterWorkload::next_op(WorkloadContext& ctx) {
  std::uniform_int_distribution<int> pick_key(0, options_.keys - 1);
  std::string key = fmt::format("{}register:{}", ctx.key_prefix, pick_key(rng_));
  if (std::uniform_real_distribution<double>(0, 1)(rng_) < read_fraction_) {
    return {"read", key, Value::nil(), {"GET", key}, options_.read_from == "replicas", read_value};
  }
  int64_t v = next_value_++;
  return {"write", key, Value::of(v), {"SET", key, std::to_string(v)}, false, {}};
}

void RegisterWorkload::start(WorkloadContext& ctx, std::function<void()> done) {
  auto make_next = [this, &ctx](int) { return [this, &ctx](int64_t) { return next_op(ctx); }; };
  start_clients(ctx, options_, make_next, stats_, switches_, std::move(done));
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
  return {{"workload", "register"}, {"options", options()}, {"ops", stats_.to_json()}};
}

std::string RegisterWorkload::report_text() const {
  return fmt::format("register {} over {} keys (reads from {}): {}\n", describe_clients(options_),
                     options_.keys, options_.read_from, stats_.text());
}

}  // namespace rrt
