// What recording a history costs (docs/history.md, docs/bench.md):
//   BM_Record/jsonl, BM_Record/compact: HistoryWriter::Buffer in either form (docs/history.md),
//                as the load engine's clients record;
//   BM_ReadBack/jsonl, BM_ReadBack/compact: read_history of a file of 100,000 operations.
// One "op" is one client operation: an invoke record and its completion, shaped as `rrt bench`
// writes them (SET of a 16-byte key, integer value, node address, ns times of a long run).
// Records go to a real file under $TMPDIR, flushed to the kernel at every 64 KiB hand-over.
// Counters:
//   ops/s       operations recorded (or read) per second of CPU time (the machine may be shared);
//   file_B/op   bytes of history file per operation (two JSON lines, or two compact records);
//   held_B      bytes the recorder keeps in memory: its buffer, whatever the run's length;
//   held_B/op   held_B divided by the operations of the run (the aim: under 64);
//   rss_grow_kB growth of the process's peak RSS while the benchmark ran (bounded memory: ~0).
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "history/history_reader.h"
#include "history/history_writer.h"

namespace rrt {
namespace {

namespace fs = std::filesystem;

constexpr size_t kBufferBytes = 64 * 1024;  // the recorder's default capacity

std::string temp_path(const char* name) {
  return (fs::temp_directory_path() /
          (std::string("rrt-bench-") + std::to_string(getpid()) + "-" + name + ".jsonl"))
      .string();
}

long maxrss_kb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

std::vector<std::string> make_keys(int n) {
  std::vector<std::string> keys;
  char text[32];
  for (int i = 0; i < n; ++i) {
    std::snprintf(text, sizeof text, "key:%012d", i * 7919);
    keys.emplace_back(text);
  }
  return keys;
}

// Fills `invoke` and `ok` as operation number `i` of a 50-client `rrt bench` run.
void shape_op(int64_t i, const std::vector<std::string>& keys, Op* invoke, Op* ok) {
  invoke->process = i % 50;
  invoke->type = OpType::kInvoke;
  invoke->f = "write";
  invoke->key = keys[i % keys.size()];
  invoke->value = Value::of(i);
  invoke->time = 12'000'000'000 + i * 1'500;  // 12 s into the run, 1.5 us apart
  invoke->node = "127.0.0.1:6379";
  *ok = *invoke;
  ok->type = OpType::kOk;
  ok->time += 95'000;
}

HistoryEncoding encoding_of(const benchmark::State& state) {
  return state.range(0) ? HistoryEncoding::kCompact : HistoryEncoding::kJsonl;
}

void BM_Record(benchmark::State& state) {
  const char* name = state.range(0) ? "record-compact" : "record-jsonl";
  std::string path = temp_path(name);
  static const std::vector<std::string> keys = make_keys(4096);
  long rss_before = maxrss_kb();
  int64_t ops = 0;
  size_t bytes = 0;
  {
    HistoryWriter writer(path, encoding_of(state));
    HistoryWriter::Buffer buffer(&writer, kBufferBytes);
    Op invoke, ok;
    for (auto _ : state) {
      shape_op(ops, keys, &invoke, &ok);
      buffer.record(invoke);
      buffer.record(ok);
      ++ops;
    }
    buffer.flush();
    bytes = writer.bytes_written();
  }
  fs::remove(path);
  state.counters["ops/s"] =
      benchmark::Counter(static_cast<double>(ops), benchmark::Counter::kIsRate);
  state.counters["file_B/op"] = static_cast<double>(bytes) / static_cast<double>(ops);
  // The buffer reserves its capacity plus headroom for the record that crosses it.
  double held = static_cast<double>(kBufferBytes + 1024);
  state.counters["held_B"] = held;
  state.counters["held_B/op"] = held / static_cast<double>(ops);
  state.counters["rss_grow_kB"] = static_cast<double>(maxrss_kb() - rss_before);
}

void BM_ReadBack(benchmark::State& state) {
  const int64_t kOps = 100'000;
  std::string path = temp_path(state.range(0) ? "read-compact" : "read-jsonl");
  {
    static const std::vector<std::string> keys = make_keys(4096);
    HistoryWriter writer(path, encoding_of(state));
    HistoryWriter::Buffer buffer(&writer);
    Op invoke, ok;
    for (int64_t i = 0; i < kOps; ++i) {
      shape_op(i, keys, &invoke, &ok);
      buffer.record(invoke);
      buffer.record(ok);
    }
  }
  int64_t ops = 0;
  for (auto _ : state) {
    History h = read_history(path);
    if (h.size() != 2 * kOps) state.SkipWithError("wrong number of records read back");
    ops += kOps;
  }
  fs::remove(path);
  state.counters["ops/s"] =
      benchmark::Counter(static_cast<double>(ops), benchmark::Counter::kIsRate);
}

// 1M operations each: long enough for held_B/op to mean something, short on a shared machine.
BENCHMARK(BM_Record)->ArgName("compact")->Arg(0)->Arg(1)->Iterations(1'000'000);
BENCHMARK(BM_ReadBack)
    ->ArgName("compact")
    ->Arg(0)
    ->Arg(1)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace rrt

BENCHMARK_MAIN();
