// How fast the linearizability checker decides generated histories (src/check/history_gen.h):
//   BM_CasRegister100: ~100 ops by 5 processes on one cas-register, values 0..4, 10% crashed
//                      (info) ops: the shape of Jepsen's published etcd tests;
//   BM_Kv2000:         ~2,000 ops by 50 processes over 10 keys, GET/SET/APPEND, 2% crashed;
//   BM_Kv2000Stalls:   the same over 5 keys with stalls that pile ops up (a failover): the
//                      shape of Porcupine's c50 kv files, which once took 80 s;
//   BM_Register1M:     1,000,000 ops by 50 processes over 1,000 keys, 1% crashed.
// Each iteration checks a different seed's history (so no one lucky history decides the
// number); every verdict must be valid, as the histories are linearizable by construction.
// Counters: ops/s (operations checked per second) and maxrss_MB (peak resident memory of the
// process so far, getrusage).
//
// `check_linearizability_bench --write-corpus DIR` instead writes generated histories as Jepsen
// EDN files for bench/check_vs_porcupine.sh, which runs Porcupine and rrt check on them side by
// side; DIR/manifest.tsv lists group, file, model and the verdict known by construction.
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <sys/resource.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "check/edn_history.h"
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

// A history shape; callers set the rest (values, duplicate_rate, stall_rate).
GenOptions shape(const char* model, int64_t ops, int processes, int keys, double info_rate) {
  GenOptions g;
  g.model = model;
  g.ops = ops;
  g.processes = processes;
  g.keys = keys;
  g.info_rate = info_rate;
  return g;
}

GenOptions cas_register(int64_t ops) {
  GenOptions g = shape("cas-register", ops, 5, 1, 0.1);
  g.values = 5;
  return g;
}

// Porcupine's kv test files are 50 clients on 10 keys; stalls pile ops up on a key (a failover),
// duplicates make the object faulty as the servers that wrote c50-bad.txt were.
GenOptions kv(int64_t ops, int keys, double stalls = 0, double duplicates = 0) {
  GenOptions g = shape("kv", ops, 50, keys, 0.02);
  g.stall_rate = stalls;
  g.duplicate_rate = duplicates;
  return g;
}

void BM_CasRegister100(benchmark::State& state) {
  static const std::vector<History> histories = make_histories(cas_register(100), 50);
  run(state, histories, "cas-register");
}
BENCHMARK(BM_CasRegister100)->Unit(benchmark::kMicrosecond);

void BM_Kv2000(benchmark::State& state) {
  static const std::vector<History> histories = make_histories(kv(2000, 10), 20);
  run(state, histories, "kv");
}
BENCHMARK(BM_Kv2000)->Unit(benchmark::kMillisecond);

void BM_Kv2000Stalls(benchmark::State& state) {
  static const std::vector<History> histories = make_histories(kv(2000, 5, 0.005), 10);
  run(state, histories, "kv");
}
BENCHMARK(BM_Kv2000Stalls)->Unit(benchmark::kMillisecond);

void BM_Register1M(benchmark::State& state) {
  static const std::vector<History> histories =
      make_histories(shape("register", 1'000'000, 50, 1000, 0.01), 1);
  run(state, histories, "register");
}
BENCHMARK(BM_Register1M)->Unit(benchmark::kMillisecond)->Iterations(3);

// ---- The generated part of the side-by-side corpus.

struct CorpusGroup {
  const char* name;
  GenOptions gen;
  int count;
};

// gen-*: the corpus proper; tput-*: one history each of 10k, 100k and 1M ops, for throughput.
std::vector<CorpusGroup> corpus_groups() {
  return {{"gen-kv-c50", kv(2000, 10), 10},
          {"gen-kv-c50-dup", kv(2000, 10, 0, 0.01), 10},
          {"gen-kv-c50-stall", kv(2000, 10, 0.002), 10},
          {"gen-kv-c50-stall-dup", kv(2000, 10, 0.002, 0.01), 10},
          {"gen-kv-c50-k5-stall", kv(2000, 5, 0.005, 0.01), 10},
          {"gen-cas-1key-2k", cas_register(2000), 10},
          {"gen-cas-1key-200k", cas_register(200'000), 1},
          {"gen-register-100keys", shape("register", 100'000, 50, 100, 0.01), 2},
          {"tput-cas-10k", cas_register(10'000), 1},
          {"tput-cas-100k", cas_register(100'000), 1},
          {"tput-cas-1m", cas_register(1'000'000), 1},
          {"tput-kv-10k", kv(10'000, 100), 1},
          {"tput-kv-100k", kv(100'000, 1000), 1},
          {"tput-kv-1m", kv(1'000'000, 10'000), 1}};
}

// "invalid" when proven by construction, "valid" when the object was not faulty, else "?".
std::string known_verdict(const History& h, const GenOptions& g) {
  if (g.duplicate_rate == 0) return "valid";
  return reads_an_append_twice(h) ? "invalid" : "?";
}

int write_corpus(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  std::ofstream manifest(dir / "manifest.tsv");
  for (const CorpusGroup& group : corpus_groups()) {
    std::filesystem::create_directories(dir / group.name);
    for (int i = 0; i < group.count; ++i) {
      GenOptions g = group.gen;
      g.seed = 1000 + i;
      History h = generate_history(g);
      std::string file = fmt::format("{}/{}-{}.edn", group.name, group.name, g.seed);
      std::ofstream out(dir / file);
      write_edn_history(h, out);
      manifest << group.name << '\t' << file << '\t' << g.model << "\tnil\t" << known_verdict(h, g)
               << '\n';
    }
    std::cerr << "wrote " << group.name << "\n";
  }
  return manifest ? 0 : 1;
}

}  // namespace
}  // namespace rrt

int main(int argc, char** argv) {
  if (argc == 3 && std::strcmp(argv[1], "--write-corpus") == 0) {
    return rrt::write_corpus(argv[2]);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
