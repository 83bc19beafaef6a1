// How fast the linearizability checker decides generated histories (src/check/history_gen.h):
//   cas_register_100: ~100 ops by 5 processes on one cas-register, values 0..4, 10% crashed
//                     (info) ops: the shape of Jepsen's published etcd tests;
//   kv_2000:          ~2,000 ops by 50 processes over 10 keys, GET/SET/APPEND, 5% crashed;
//   register_1m:      1,000,000 ops by 50 processes over 1,000 keys, 1% crashed.
// Each iteration checks a different seed's history (so no one lucky history decides the
// number); every verdict must be valid, as the histories are linearizable by construction.
// Counters: ops/s (operations checked per second) and maxrss_MB (peak resident memory of the
// process so far, getrusage).
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include "check/history_gen.h"
#include "check/linearizability.h"

namespace rrt {
namespace {

std::vector<History> make_histories(GenOptions g, int count) {
  std::vector<History> out;
  for (int i = 0; i < count; ++i) {
    g.seed = 1000 + i;
    out.push_back(generate_history(g));
  }
  return out;
}

double maxrss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

void run(benchmark::State& state, const std::vector<History>& histories, const char* model) {
  auto m = make_model(model, Value::nil());
  LinearizabilityOptions options;
  options.time_limit_s = 120;
  int64_t ops = 0;
  size_t i = 0;
  for (auto _ : state) {
    const History& h = histories[i++ % histories.size()];
    CheckResult r = check_linearizability(h, *m, options);
    if (r.verdict != Verdict::kValid) state.SkipWithError(r.summary.c_str());
    ops += r.metrics["ops"].get<int64_t>();
  }
  state.counters["ops/s"] =
      benchmark::Counter(static_cast<double>(ops), benchmark::Counter::kIsRate);
  state.counters["maxrss_MB"] = maxrss_mb();
}

void BM_CasRegister100(benchmark::State& state) {
  GenOptions g;
  g.model = "cas-register";
  g.ops = 100;
  g.processes = 5;
  g.values = 5;
  g.info_rate = 0.1;
  static const std::vector<History> histories = make_histories(g, 50);
  run(state, histories, "cas-register");
}
BENCHMARK(BM_CasRegister100)->Unit(benchmark::kMicrosecond);

void BM_Kv2000(benchmark::State& state) {
  GenOptions g;
  g.model = "kv";
  g.ops = 2000;
  g.processes = 50;
  g.keys = 10;
  g.info_rate = 0.05;
  static const std::vector<History> histories = make_histories(g, 20);
  run(state, histories, "kv");
}
BENCHMARK(BM_Kv2000)->Unit(benchmark::kMillisecond);

void BM_Register1M(benchmark::State& state) {
  GenOptions g;
  g.model = "register";
  g.ops = 1'000'000;
  g.processes = 50;
  g.keys = 1000;
  g.info_rate = 0.01;
  static const std::vector<History> histories = make_histories(g, 1);
  run(state, histories, "register");
}
BENCHMARK(BM_Register1M)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
}  // namespace rrt

BENCHMARK_MAIN();
