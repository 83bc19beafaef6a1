#include "workload/set_workload.h"

#include <fmt/format.h>

#include <algorithm>

#include "resp/command.h"

namespace rrt {

static constexpr Nanos kFinalReadTimeout = 20 * kSeconds;

std::string SetWorkload::key(WorkloadContext& ctx, int i) const {
  return fmt::format("{}set:{}", ctx.key_prefix, i % options_.keys);
}

SetGenerator::SetGenerator(std::string key, int index, int clients, int ops, Wait wait)
    : key_(std::move(key)), index_(index), clients_(clients), ops_(ops), wait_(wait) {
  if (wait_.replicas > 0) {
    append_command(
        {"WAIT", std::to_string(wait_.replicas), std::to_string(wait_.timeout / kMillis)},
        &wait_command_);
  }
}

bool SetGenerator::next(std::string* out, Op* op, Step* step) {
  if (ops_ > 0 && seq_ >= ops_) return false;
  int64_t element = index_ + seq_++ * clients_;
  append_command({"SADD", key_, std::to_string(element)}, out);
  op->f = "add";
  op->key = key_;
  op->value = Value::of(element);
  step->then = wait_command_;
  return true;
}

void SetGenerator::complete(CallResult* result, Op*) {
  if (!result->ok() || wait_.replicas == 0 || result->reply.integer() >= wait_.replicas) return;
  *result = unknown_after_send(
      "wait-unreplicated",
      fmt::format("WAIT: {} of {} replicas", result->reply.integer(), wait_.replicas));
}

void SetWorkload::start(WorkloadContext& ctx, std::function<void()> done) {
  auto generators = [this, &ctx](int i) {
    return std::make_unique<SetGenerator>(key(ctx, i), i, options_.clients, options_.ops, wait_);
  };
  start_clients(ctx, options_, generators, engine_, switches_, std::move(done));
}

static Value members(const CallResult& r) {
  std::vector<Value> items;
  for (size_t i = 0; i < r.reply.size(); ++i) {
    std::string text(r.reply.at(i).str());
    try {
      items.push_back(Value::of(std::stoll(text)));
    } catch (const std::exception&) {
      items.push_back(Value::of(text));
    }
  }
  std::sort(items.begin(), items.end(),
            [](const Value& a, const Value& b) { return a.integer < b.integer; });
  return Value::list(std::move(items));
}

asio::awaitable<void> SetWorkload::finish(WorkloadContext& ctx) {
  final_sizes_.assign(std::min(options_.keys, options_.clients), -1);
  for (size_t i = 0; i < final_sizes_.size(); ++i) {
    std::string k = key(ctx, static_cast<int>(i));
    std::string smembers;
    append_command({"SMEMBERS", k}, &smembers);
    CallResult r = co_await read_until_ok(ctx, ctx.process_base + options_.clients, "read", k,
                                          smembers, members, kFinalReadTimeout);
    if (r.ok()) final_sizes_[i] = static_cast<int64_t>(r.reply.size());
  }
}

nlohmann::json SetWorkload::options() const {
  nlohmann::json options = to_json(options_);
  options["wait_replicas"] = wait_.replicas;
  options["wait_timeout_ms"] = wait_.timeout / kMillis;
  return options;
}

nlohmann::json SetWorkload::summary() const {
  return {{"workload", "set"},
          {"options", options()},
          {"adds", to_json(engine_.report())},
          {"final_sizes", final_sizes_}};
}

std::string SetWorkload::report_text() const {
  std::string sizes;
  for (int64_t v : final_sizes_)
    sizes += (sizes.empty() ? "" : ", ") + (v < 0 ? "?" : std::to_string(v));
  std::string wait =
      wait_.replicas ? fmt::format(", WAIT {} {}", wait_.replicas, format_duration(wait_.timeout))
                     : "";
  return fmt::format("set      {}{}: adds {}; final read {} members\n", describe_clients(options_),
                     wait, to_line(engine_.report()), sizes.empty() ? "not read" : sizes);
}

}  // namespace rrt
