#include "workload/set_workload.h"

#include <fmt/format.h>

#include <algorithm>

namespace rrt {

static constexpr Nanos kFinalReadTimeout = 20 * kSeconds;

std::string SetWorkload::key(WorkloadContext& ctx, int i) const {
  return fmt::format("{}set:{}", ctx.key_prefix, i % options_.keys);
}

// An ok WAIT reply below `replicas` makes the add indeterminate: applied, not confirmed.
static CallResult judge_wait(int replicas, const CallResult& wait) {
  if (wait.reply.integer() >= replicas) return wait;
  return unknown_after_send("wait-unreplicated",
                            fmt::format("WAIT: {} of {} replicas", wait.reply.integer(), replicas));
}

static Args wait_command(const SetWorkload::Wait& w) {
  return {"WAIT", std::to_string(w.replicas), std::to_string(w.timeout / kMillis)};
}

void SetWorkload::start(WorkloadContext& ctx, std::function<void()> done) {
  int64_t clients = options_.clients;
  Wait wait = wait_;
  auto make_next = [this, &ctx, clients, wait](int i) {
    std::string k = key(ctx, i);
    // Client i adds i, i + clients, i + 2 * clients, ...: unique without coordination.
    return [k, i, clients, wait](int64_t seq) {
      int64_t element = i + seq * clients;
      ClientOp op{"add", k, Value::of(element), {"SADD", k, std::to_string(element)}, false, {}};
      if (wait.replicas > 0) {
        op.then = wait_command(wait);
        op.confirm = [n = wait.replicas](const CallResult& r) { return judge_wait(n, r); };
      }
      return op;
    };
  };
  start_clients(ctx, options_, make_next, stats_, switches_, std::move(done));
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
    ClientOp read{"read", k, Value::nil(), {"SMEMBERS", k}, false, members};
    CallResult r =
        co_await run_until_ok(ctx, ctx.process_base + options_.clients, read, kFinalReadTimeout);
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
          {"adds", stats_.to_json()},
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
                     wait, stats_.text(), sizes.empty() ? "not read" : sizes);
}

}  // namespace rrt
