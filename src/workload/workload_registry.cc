// make_workload: the table of workload kinds.
#include <fmt/format.h>

#include "base/errors.h"
#include "base/option_reader.h"
#include "workload/counter_workload.h"
#include "workload/kv_load_workload.h"
#include "workload/register_workload.h"
#include "workload/set_workload.h"
#include "workload/stale_reads_workload.h"

namespace rrt {

asio::awaitable<void> Workload::finish(WorkloadContext&) {
  co_return;
}

const std::vector<WorkloadKind>& workload_kinds() {
  static const std::vector<WorkloadKind> kKinds = {
      {"stale-reads", "writer/reader pairs: write on the master, read at once from a replica"},
      {"counter", "INCR one key through the Sentinel-discovered master; final GET"},
      {"register", "SET unique values / GET over a few keys (linearizability)"},
      {"set", "SADD unique integers; final SMEMBERS"},
      {"kv", "SET/GET at benchmark speed on rrt bench's engine, following the master"},
  };
  return kKinds;
}

static KvLoadOptions read_kv_load_options(OptionReader& o) {
  KvLoadOptions k;
  k.clients = o.integer("clients", k.clients, 1, 10000);
  k.threads = o.integer("threads", k.threads, 1, 64);
  k.pipeline = o.integer("pipeline", k.pipeline, 1, 1000);
  if (static_cast<int64_t>(k.clients) * k.pipeline > kProcessesPerWorkload) {
    throw OptionError("pipeline", fmt::format("workload kv: clients x pipeline is {}: expected at "
                                              "most {} (history processes of one workload)",
                                              k.clients * k.pipeline, kProcessesPerWorkload));
  }
  k.rate = o.number("rate", k.rate, 0, 10'000'000);
  k.ops = o.integer("ops", k.ops, 0, 1'000'000'000);
  k.timeout = o.duration("timeout", k.timeout);
  k.kv.keys = o.integer("keys", 1000, 1, 1'000'000'000);
  k.kv.set_weight = 1;
  k.kv.get_weight = 1;
  std::string ratio = o.text("ratio", "1:1");
  try {
    parse_ratio(ratio, &k.kv);
  } catch (const UsageError&) {
    throw OptionError("ratio", fmt::format("workload kv: option 'ratio' is '{}': expected SET:GET "
                                           "weights such as 1:1 or 1:10",
                                           ratio));
  }
  k.kv.pattern =
      parse_key_pattern(o.choice("key_pattern", "uniform", {"uniform", "sequential", "zipf"}));
  // 18 digits: every value written in the run is distinct, which the register check relies on.
  k.kv.data_size = o.integer("data_size", 18, 1, 1024 * 1024);
  return k;
}

static std::unique_ptr<Workload> make(const std::string& kind, OptionReader& o) {
  if (kind == "stale-reads") {
    StaleReadsWorkload::Options s;
    s.pairs = o.integer("clients", s.pairs, 1, 10000);
    s.rounds = o.integer("ops", s.rounds, 1, 100000000);
    s.rate = o.number("rate", s.rate, 0, 10'000'000);
    return std::make_unique<StaleReadsWorkload>(s);
  }
  if (kind == "counter")
    return std::make_unique<CounterWorkload>(read_client_options(o, {}, false));
  if (kind == "set") {
    ClientOptions d;
    d.clients = 5;
    ClientOptions c = read_client_options(o, d, false);
    SetWorkload::Wait wait;
    wait.replicas = o.integer("wait_replicas", 0, 0, 16);
    wait.timeout = o.duration("wait_timeout", 100 * kMillis);
    return std::make_unique<SetWorkload>(c, wait);
  }
  if (kind == "register") {
    ClientOptions d;
    d.clients = 5;
    d.keys = 3;
    d.rate = 500;  // linearizability checking grows fast with the history: keep it moderate
    ClientOptions c = read_client_options(o, d, true);
    return std::make_unique<RegisterWorkload>(c, o.number("reads", 0.5, 0, 1));
  }
  if (kind == "kv") return std::make_unique<KvLoadWorkload>(read_kv_load_options(o));
  std::string known;
  for (const auto& k : workload_kinds()) known += (known.empty() ? "" : ", ") + std::string(k.kind);
  throw UsageError(fmt::format("unknown workload '{}': expected one of {}", kind, known));
}

std::unique_ptr<Workload> make_workload(const std::string& kind, const nlohmann::json& options) {
  OptionReader o("workload " + kind, options);
  auto w = make(kind, o);
  o.finish();
  return w;
}

}  // namespace rrt
