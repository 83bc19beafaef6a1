// make_workload: the table of workload kinds.
#include <fmt/format.h>

#include "base/errors.h"
#include "scenario/option_reader.h"
#include "workload/counter_workload.h"
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
  };
  return kKinds;
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
