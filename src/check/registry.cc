#include "check/registry.h"

#include <fmt/format.h>

#include "base/errors.h"
#include "check/cluster_failover.h"
#include "check/counter_checker.h"
#include "check/failover_anatomy.h"
#include "check/linearizability.h"
#include "check/set_checker.h"
#include "check/stale_reads_checker.h"

namespace rrt {

namespace {

LinearizabilityOptions linearizability_options(const nlohmann::json& o) {
  LinearizabilityOptions out;
  try {
    out.time_limit_s = o.value("time_limit_s", out.time_limit_s);
    out.memory_limit_mb = o.value("memory_limit_mb", out.memory_limit_mb);
    out.threads = o.value("threads", out.threads);
    out.all_keys = o.value("all_keys", out.all_keys);
  } catch (const nlohmann::json::exception& e) {
    throw UsageError(fmt::format("bad checker option: {}", e.what()));
  }
  return out;
}

Value initial_value(const nlohmann::json& o) {
  return o.contains("initial") ? value_from_json(o["initial"]) : Value::nil();
}

template <const char* kModel>
CheckResult linearizable(const History& history, const Events&, const nlohmann::json& o) {
  auto model = make_model(kModel, initial_value(o));
  return check_linearizability(history, *model, linearizability_options(o));
}

constexpr char kRegister[] = "register";
constexpr char kCasRegister[] = "cas-register";
constexpr char kKv[] = "kv";

CheckResult set(const History& history, const Events&, const nlohmann::json&) {
  return check_set(history);
}

CheckResult counter(const History& history, const Events&, const nlohmann::json& o) {
  Value initial = initial_value(o);
  if (!initial.is_nil() && initial.kind != Value::Kind::kInt) {
    throw UsageError("the counter's initial value must be an integer");
  }
  return check_counter(history, initial.integer);
}

CheckResult stale_reads(const History& history, const Events&, const nlohmann::json&) {
  return check_stale_reads(history);
}

// `options` with the members of options[name] (if an object) laid over it.
nlohmann::json options_for(const std::string& name, const nlohmann::json& options) {
  if (!options.is_object()) return nlohmann::json::object();
  nlohmann::json merged = options;
  auto it = options.find(name);
  if (it != options.end() && it->is_object()) merged.update(*it);
  return merged;
}

}  // namespace

const std::vector<CheckerInfo>& checkers() {
  static const std::vector<CheckerInfo> kCheckers = {
      {"register", linearizable<kRegister>, "linearizable read/write register, per key"},
      {"cas-register", linearizable<kCasRegister>, "linearizable read/write/cas register, per key"},
      {"kv", linearizable<kKv>, "linearizable GET/SET/APPEND strings, per key"},
      {"set", set, "acknowledged adds survive in the final read"},
      {"counter", counter, "reads within the bounds of ok and info increments"},
      {"stale-reads", stale_reads, "no read older than a write completed before it"},
      {"failover-anatomy", check_failover_anatomy, "phases and write outage of each failover"},
      {"cluster-failover", check_cluster_failover,
       "a cluster's failure detection, promotion and write outage per shard"},
  };
  return kCheckers;
}

const CheckerInfo* find_checker(const std::string& name) {
  for (const CheckerInfo& c : checkers()) {
    if (name == c.name) return &c;
  }
  return nullptr;
}

std::string checker_names() {
  std::string out;
  for (const CheckerInfo& c : checkers()) out += (out.empty() ? "" : ", ") + std::string(c.name);
  return out;
}

CheckResult run_check(const std::string& name, const History& history, const Events& events,
                      const nlohmann::json& options) {
  const CheckerInfo* checker = find_checker(name);
  if (!checker) {
    throw UsageError(
        fmt::format("no checker named \"{}\" (expected one of {})", name, checker_names()));
  }
  return checker->fn(history, events, options_for(name, options));
}

std::vector<CheckResult> run_checks(const std::vector<std::string>& names, const History& history,
                                    const Events& events, const nlohmann::json& options) {
  for (const std::string& name : names) {
    if (!find_checker(name)) run_check(name, history, events, options);  // throws
  }
  std::vector<CheckResult> results;
  for (const std::string& name : names) {
    try {
      results.push_back(run_check(name, history, events, options));
    } catch (const UsageError& e) {
      CheckResult r;
      r.name = name;
      r.verdict = Verdict::kUnknown;
      r.summary = fmt::format("cannot check: {}", e.what());
      results.push_back(std::move(r));
    }
  }
  return results;
}

Value value_from_json(const nlohmann::json& j) {
  if (j.is_null()) return Value::nil();
  if (j.is_number_integer()) return Value::of(j.get<int64_t>());
  if (j.is_string()) return Value::of(j.get<std::string>());
  if (j.is_array()) {
    std::vector<Value> items;
    for (const auto& item : j) items.push_back(value_from_json(item));
    return Value::list(std::move(items));
  }
  throw UsageError(
      fmt::format("{} is not a history value (null, integer, string or array)", j.dump()));
}

}  // namespace rrt
