// `rrt bench [--url URL | --sentinel URL | --lab NAME]`: load at benchmark speed, in the spirit of
// redis-benchmark and memtier_benchmark, on rrt's own client layer and load engine (src/load/). It
// keeps going through errors and reconnects, counting errors by kind, so it can run through a
// failover; with --history it records every operation as a Jepsen-style history.
#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include "base/errors.h"
#include "cli/bench_target.h"
#include "cli/command.h"
#include "cli/output.h"
#include "cli/tls_flags.h"
#include "history/history_writer.h"
#include "load/kv_generator.h"
#include "load/load_engine.h"
#include "system/key_cleanup.h"
#include "system/key_expiry.h"
#include "system/run_prefix.h"

namespace rrt {

namespace {

struct BenchFlags {
  std::string url;
  std::string sentinel;
  std::string lab = "default";
  int clients = 50;
  int threads = 1;
  int pipeline = 1;
  uint64_t requests = 0;  // 0 with no duration: 100000, as redis-benchmark
  double duration_s = 0;
  double rate = 0;
  std::string ratio = "1:0";
  uint64_t keys = 1'000'000;
  std::string key_pattern = "uniform";
  int data_size = 3;
  std::string history;
  std::string history_format = "jsonl";
  int timeout_ms = 2000;
  bool allow_remote = false;
  OutputOptions out;
  TlsOptions tls;
};

LoadOptions load_options(const BenchFlags& flags) {
  LoadOptions o;
  o.clients = flags.clients;
  o.threads = flags.threads;
  o.pipeline = flags.pipeline;
  o.duration = static_cast<Nanos>(flags.duration_s * kSeconds);
  o.requests = flags.requests == 0 && o.duration == 0 ? 100'000 : flags.requests;
  o.rate = flags.rate;
  o.timeout = flags.timeout_ms * kMillis;
  o.allow_remote = flags.allow_remote;
  return o;
}

KvOptions kv_options(const BenchFlags& flags) {
  KvOptions kv;
  parse_ratio(flags.ratio, &kv);
  kv.keys = flags.keys;
  kv.pattern = parse_key_pattern(flags.key_pattern);
  kv.data_size = flags.data_size;
  kv.validate();
  return kv;
}

BenchTargetFlags target_flags(const BenchFlags& flags) {
  BenchTargetFlags t;
  t.url = flags.url;
  t.sentinel = flags.sentinel;
  t.lab = flags.lab;
  t.timeout = flags.timeout_ms * kMillis;
  t.allow_remote = flags.allow_remote;
  t.rate = flags.rate;
  t.tls = flags.tls;
  return t;
}

int64_t peak_rss_bytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<int64_t>(usage.ru_maxrss) * 1024;
}

// How long the load may go: its duration, else its requests at the rate cap.
Nanos expected_duration(const LoadOptions& o) {
  if (o.duration > 0 || o.rate <= 0) return o.duration;
  return static_cast<Nanos>(static_cast<double>(o.requests) / o.rate * kSeconds);
}

// Remote load (--allow-remote) writes only under a run-unique prefix whose keys get a TTL while
// it runs and are removed at the end, as rrt run does on an external target.
struct RemoteKeys {
  std::string prefix;
  std::unique_ptr<KeyExpirySweeper> expiry;

  RemoteKeys(const BenchTarget& target, const LoadOptions& options, KvOptions* kv)
      : prefix(make_run_prefix(wall_ns() / kMillis, getpid())) {
    kv->key_prefix = prefix;
    expiry = std::make_unique<KeyExpirySweeper>(
        [&target] { return target.current_master(); }, target.connect(), prefix,
        KeyExpiryOptions{.ttl = run_key_ttl(expected_duration(options))});
  }

  nlohmann::json finish(const BenchTarget& target) {
    expiry->stop();
    nlohmann::json out = {{"key_prefix", prefix}, {"expiry", expiry->summary()}};
    try {
      out["cleanup"] = to_json(remove_run_keys(target.current_master(), target.connect(), prefix));
    } catch (const std::exception& e) {
      out["cleanup"] = {{"complete", false}, {"error", e.what()}};
    }
    return out;
  }
};

void run(const BenchFlags& flags, CliContext& ctx) {
  LoadOptions options = load_options(flags);
  KvOptions kv = kv_options(flags);
  HistoryEncoding encoding = parse_history_encoding(flags.history_format);
  // The target guard checks every address before the first request goes out; the server must
  // answer before the load starts: later errors are data, a wrong address is not.
  BenchTarget target(target_flags(flags));
  target.apply(&options);
  options.validate();
  target.check_reachable();
  std::unique_ptr<HistoryWriter> history;
  if (!flags.history.empty()) history = std::make_unique<HistoryWriter>(flags.history, encoding);
  std::unique_ptr<RemoteKeys> remote;
  if (flags.allow_remote) remote = std::make_unique<RemoteKeys>(target, options, &kv);
  int clients = options.clients;
  LoadEngine engine(
      options, [&](int id) { return std::make_unique<KvGenerator>(kv, id, clients); },
      history.get());
  LoadReport report = engine.run();

  nlohmann::json result = to_json(report);
  result["address"] = target.description();
  result["clients"] = options.clients;
  result["threads"] = options.threads;
  result["pipeline"] = options.pipeline;
  result["ratio"] = flags.ratio;
  result["peak_rss_bytes"] = peak_rss_bytes();
  std::string text = to_text(report);
  if (remote) {
    result["keys"] = remote->finish(target);
    text +=
        fmt::format("\nkeys: under {}, removed {} after the run ({})", remote->prefix,
                    result["keys"]["cleanup"].value("removed", 0LL),
                    result["keys"]["cleanup"].value("complete", false) ? "complete" : "INCOMPLETE");
  }
  if (history) {
    size_t bytes = history->bytes_written();
    result["history"] = {
        {"path", flags.history}, {"format", flags.history_format}, {"bytes", bytes}};
    text += fmt::format("\nhistory: {} ({} bytes, {:.1f} bytes/op)", flags.history, bytes,
                        report.operations() ? static_cast<double>(bytes) / report.operations() : 0);
  }
  print_object(result, flags.out, text);
  ctx.exit_code = kExitOk;
}

}  // namespace

void add_bench_command(CLI::App& root, CliContext& ctx) {
  auto* cmd = root.add_subcommand("bench", "Load a Redis server at benchmark speed (SET/GET)");
  auto f = std::make_shared<BenchFlags>();
  cmd->add_option("--url", f->url, "redis[s]://[user:password@]host:port[/db]: one fixed server");
  cmd->add_option("--sentinel", f->sentinel,
                  "sentinel[s]://[user:password@]host:port[,host:port]/name: the master, followed "
                  "through failovers");
  cmd->add_option("--lab", f->lab, "Lab to load when neither is given (its sentinels, if any)")
      ->capture_default_str();
  cmd->add_option("-c,--clients", f->clients, "Connections, each one client")
      ->capture_default_str();
  cmd->add_option("--threads", f->threads, "Event-loop threads")->capture_default_str();
  cmd->add_option("-P,--pipeline", f->pipeline, "Requests in flight per connection")
      ->capture_default_str();
  cmd->add_option("-n,--requests", f->requests,
                  "Operations in all (default 100000 if no --duration)");
  cmd->add_option("--duration", f->duration_s, "Seconds to run");
  cmd->add_option("--rate", f->rate, "Cap on ops/s over all clients (0: none)");
  cmd->add_option("--ratio", f->ratio, "SET:GET weights")->capture_default_str();
  cmd->add_option("--keys", f->keys, "Key space size")->capture_default_str();
  cmd->add_option("--key-pattern", f->key_pattern, "uniform | sequential | zipf")
      ->capture_default_str();
  cmd->add_option("-d,--data-size", f->data_size, "Bytes per value")->capture_default_str();
  cmd->add_option("--history", f->history, "Record every operation to this file");
  cmd->add_option("--history-format", f->history_format,
                  "jsonl (readable) | compact (~40 bytes/op; docs/history.md)")
      ->capture_default_str();
  cmd->add_option("--timeout-ms", f->timeout_ms, "Deadline for connects and each batch")
      ->capture_default_str();
  cmd->add_flag("--allow-remote", f->allow_remote, "Allow a non-loopback server (requires --rate)");
  add_tls_flags(cmd, &f->tls);
  add_output_flags(cmd, &f->out);
  cmd->callback([f, &ctx] { run(*f, ctx); });
}

}  // namespace rrt
