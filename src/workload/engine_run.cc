#include "workload/engine_run.h"

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>

#include "workload/target_client.h"

namespace rrt {

LoadOptions workload_load_options(const WorkloadContext& ctx, int clients) {
  LoadOptions load;
  load.clients = clients;
  load.duration = std::max<Nanos>(ctx.deadline - mono_ns(), 1);
  load.timeout = ctx.op_timeout;
  load.time_origin = ctx.t0;
  load.process_base = ctx.process_base;
  load.stop_signal = ctx.stop;
  return load;
}

void EngineRun::start(WorkloadContext& ctx, LoadOptions options, GeneratorFactory generators,
                      std::function<void()> done) {
  engine_ = std::make_unique<LoadEngine>(std::move(options), std::move(generators), ctx.history);
  live_ = engine_.get();
  asio::co_spawn(
      ctx.executor,
      [this, done = std::move(done)]() -> asio::awaitable<void> {
        report_ = co_await engine_->run_here();
        done();
      },
      asio::detached);
}

LoadReport EngineRun::progress() const {
  const LoadEngine* engine = live_.load();
  return engine ? engine->progress() : LoadReport{};
}

void start_clients(WorkloadContext& ctx, const ClientOptions& options, GeneratorFactory generators,
                   EngineRun& engine, SwitchWatcher& switches, std::function<void()> done) {
  if (options.follow_switch) switches.start(ctx);
  LoadOptions load = workload_load_options(ctx, options.clients);
  load.rate = options.rate;
  if (options.timeout > 0) load.timeout = options.timeout;
  load.retry_delay = options.retry_delay;
  load.backoff_min = load.backoff_max = options.retry_delay;
  load.link = target_links(ctx, options.timeout, options.follow_switch ? &switches : nullptr);
  engine.start(ctx, std::move(load), std::move(generators), [&switches, done = std::move(done)] {
    switches.stop();
    done();
  });
}

namespace {

// One command again and again until a result is ok (then no more).
class UntilOk : public Generator {
 public:
  UntilOk(std::string f, std::string key, std::string encoded,
          std::function<Value(const CallResult&)> value, CallResult* last)
      : f_(std::move(f)),
        key_(std::move(key)),
        encoded_(std::move(encoded)),
        value_(std::move(value)),
        last_(last) {}

  bool next(std::string* out, Op* op, Step*) override {
    if (last_->ok()) return false;
    out->append(encoded_);
    op->f = f_;
    op->key = key_;
    op->value = Value::nil();
    return true;
  }
  void complete(CallResult* result, Op* op) override {
    if (result->ok()) op->value = value_(*result);
    *last_ = *result;
  }

 private:
  std::string f_, key_, encoded_;
  std::function<Value(const CallResult&)> value_;
  CallResult* last_;
};

}  // namespace

asio::awaitable<CallResult> read_until_ok(WorkloadContext& ctx, int64_t process, std::string f,
                                          std::string key, std::string encoded,
                                          std::function<Value(const CallResult&)> value,
                                          Nanos timeout) {
  LoadOptions load = workload_load_options(ctx, 1);
  load.duration = timeout;  // the run's deadline has passed: the faults were healed after it
  load.process_base = process;
  load.retry_delay = 200 * kMillis;
  load.backoff_min = load.backoff_max = 200 * kMillis;
  load.link = target_links(ctx, 0, nullptr);
  CallResult last = failed_before_send("not-run", "the run ended before the read was sent");
  auto generator = [&](int) { return std::make_unique<UntilOk>(f, key, encoded, value, &last); };
  LoadEngine engine(std::move(load), generator, ctx.history);
  co_await engine.run_here();
  co_return last;
}

}  // namespace rrt
