#include "check/cluster_failover.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/duration.h"
#include "base/errors.h"
#include "cluster/key_slot.h"
#include "history/fault_detail.h"

namespace rrt {

namespace {

bool is_write_op(const std::string& f) {
  static const char* kWrites[] = {"write", "put", "set", "incr", "add", "decr", "append", "cas"};
  return std::any_of(std::begin(kWrites), std::end(kWrites), [&](const char* w) { return f == w; });
}

struct Shard {
  std::string master;
  std::string slots;
  std::vector<std::pair<int, int>> ranges;
};

// "0-5460 10923" -> {{0, 5460}, {10923, 10923}}.
std::vector<std::pair<int, int>> parse_ranges(const std::string& text) {
  std::vector<std::pair<int, int>> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find(' ', pos);
    std::string item = text.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    pos = end == std::string::npos ? text.size() : end + 1;
    try {
      size_t dash = item.find('-');
      int a = std::stoi(item.substr(0, dash));
      int b = dash == std::string::npos ? a : std::stoi(item.substr(dash + 1));
      out.emplace_back(a, b);
    } catch (const std::exception&) {
      // not a slot range (e.g. empty): skip it
    }
  }
  return out;
}

// Masters and their slots as the first views show them, before `before`.
std::vector<Shard> initial_shards(const Events& events, Nanos before) {
  std::map<std::string, std::string> slots;  // master -> slots, the latest view before `before`
  for (const Event& e : events) {
    if (e.time >= before) break;
    if (e.source != "cluster" || e.name != "cluster-view") continue;
    if (e.detail.value("role", "") == "master" && !e.detail.value("slots", "").empty()) {
      slots[e.detail.value("subject", "")] = e.detail.value("slots", "");
    }
  }
  std::vector<Shard> out;
  for (const auto& [master, text] : slots) out.push_back({master, text, parse_ranges(text)});
  return out;
}

int shard_of(const std::vector<Shard>& shards, const std::string& key) {
  int slot = key_slot(key);
  for (size_t i = 0; i < shards.size(); ++i) {
    for (auto [a, b] : shards[i].ranges) {
      if (slot >= a && slot <= b) return static_cast<int>(i);
    }
  }
  return -1;
}

// Replicas of `master` in the views before `before`.
std::vector<std::string> replicas_of(const Events& events, const std::string& master,
                                     Nanos before) {
  std::map<std::string, std::string> master_of;  // subject -> its master, latest view
  for (const Event& e : events) {
    if (e.time >= before) break;
    if (e.source == "cluster" && e.name == "cluster-view") {
      master_of[e.detail.value("subject", "")] =
          e.detail.value("role", "") == "replica" ? e.detail.value("master", "") : "";
    }
  }
  std::vector<std::string> out;
  for (const auto& [subject, m] : master_of) {
    if (m == master) out.push_back(subject);
  }
  return out;
}

void add_phase(ClusterFailover* f, const char* key, Nanos at) {
  if (!f->phases.count(key)) f->phases[key] = at;
}

// Phases from the cluster events in [start, end).
void add_cluster_phases(const Events& events, Nanos start, Nanos end, ClusterFailover* f) {
  std::vector<std::string> candidates = replicas_of(events, f->old_master, start);
  std::map<std::string, bool> down;  // observers that reported cluster_state:fail
  for (const Event& e : events) {
    if (e.time < start || e.time >= end || e.source != "cluster") continue;
    Nanos at = e.time - start;
    if (e.name == "cluster-state") {
      bool fail = e.detail.value("state", "") == "fail";
      if (fail && e.node == f->old_master) add_phase(f, "old_master_cluster_fail", at);
      if (fail) {
        add_phase(f, "cluster_fail", at);
        down[e.node] = true;
      } else if (down.count(e.node)) {
        down[e.node] = false;
        bool all_ok = std::none_of(down.begin(), down.end(), [](auto& d) { return d.second; });
        if (all_ok) f->phases["cluster_ok"] = at;
      }
      continue;
    }
    std::string subject = e.detail.value("subject", "");
    std::string role = e.detail.value("role", "");
    std::string failure = e.detail.value("failure", "");
    if (subject == f->old_master && e.node != subject) {
      if (failure == "pfail") add_phase(f, "pfail", at);
      if (failure == "fail") add_phase(f, "fail", at);
    }
    if (subject == f->old_master && role == "replica") add_phase(f, "old_master_replica", at);
    bool candidate = std::find(candidates.begin(), candidates.end(), subject) != candidates.end();
    if (candidate && role == "master" && f->new_master.empty()) {
      f->new_master = subject;
      f->new_epoch = e.detail.value("epoch", 0LL);
      add_phase(f, "promoted", at);
    }
  }
}

// "host:port" of node `name` as the runner's lab-ready event lists it; "" if it does not.
std::string endpoint_of(const Events& events, const std::string& name) {
  for (const Event& e : events) {
    if (e.source != "runner" || e.name != "lab-ready") continue;
    for (const auto& n : e.detail.value("nodes", nlohmann::json::array())) {
      if (n.value("name", "") == name) return n.value("endpoint", "");
    }
  }
  return "";
}

// The writes the old master (at `endpoint`) acknowledged and refused in the window [start, end).
void add_old_master_writes(const History& h, const std::string& endpoint, Nanos start, Nanos end,
                           ClusterFailover* f) {
  if (endpoint.empty()) return;
  for (const Op& op : h) {
    if (op.type == OpType::kInvoke || op.node != endpoint || !is_write_op(op.f)) continue;
    if (op.time < start || op.time >= end) continue;
    Nanos at = op.time - start;
    if (op.type == OpType::kOk) {
      ++f->old_master_writes;
      Nanos& last = f->phases["old_master_last_write"];
      last = std::max(last, at);
    } else if (op.error == "CLUSTERDOWN") {
      auto it = f->phases.find("old_master_refused");
      if (it == f->phases.end() || at < it->second) f->phases["old_master_refused"] = at;
    }
  }
}

// Ok write times, errors and the longest gap per shard, for the window [start, end).
void add_shard_outages(const History& h, const std::vector<Shard>& shards, Nanos start, Nanos end,
                       ClusterFailover* f) {
  std::vector<std::vector<Nanos>> ok_times(shards.size());
  for (const auto& s : shards) {
    ShardOutage o;
    o.master = s.master;
    o.slots = s.slots;
    f->shards.push_back(std::move(o));
  }
  std::map<int64_t, const Op*> invoked;  // process -> its open invoke
  for (const Op& op : h) {
    if (op.type == OpType::kInvoke) {
      invoked[op.process] = &op;
      continue;
    }
    const Op* inv = invoked.count(op.process) ? invoked[op.process] : nullptr;
    const std::string& key = op.key.empty() && inv ? inv->key : op.key;
    if (!is_write_op(op.f) || key.empty() || op.time >= end) continue;
    int shard = shard_of(shards, key);
    if (shard < 0) continue;
    if (op.type == OpType::kOk) {
      ok_times[shard].push_back(op.time);
      if (op.time >= start) ++f->shards[shard].ok_writes;
    } else if (op.time >= start) {
      ++f->shards[shard].errors[fmt::format("{} ({})", op.error.empty() ? "unknown" : op.error,
                                            op_type_name(op.type))];
    }
  }
  for (size_t i = 0; i < shards.size(); ++i) {
    auto& times = ok_times[i];
    std::sort(times.begin(), times.end());
    ShardOutage& s = f->shards[i];
    for (size_t k = 1; k < times.size(); ++k) {
      Nanos gap = times[k] - times[k - 1];
      if (times[k] >= start && (!s.outage || gap > *s.outage)) {
        s.outage = gap;
        s.outage_from = times[k - 1] - start;
      }
    }
    // No ok write since the fault: the outage lasts to the window's end.
    if (!times.empty() && times.back() < start) {
      s.outage = end - times.back();
      s.outage_from = times.back() - start;
      s.recovered = false;
    }
  }
}

std::string ms(std::optional<Nanos> ns) {
  return ns ? format_duration(*ns, DurationStyle::kMillis) : "-";
}

}  // namespace

std::vector<ClusterFailover> analyze_cluster_failovers(const History& history,
                                                       const Events& events) {
  std::vector<const Event*> faults;
  for (const Event& e : events) {
    if (is_disruption(e)) faults.push_back(&e);
  }
  Nanos run_end = 0;
  for (const Event& e : events) run_end = std::max(run_end, e.time);
  for (const Op& op : history) run_end = std::max(run_end, op.time + 1);
  std::vector<ClusterFailover> out;
  if (faults.empty()) return out;
  std::vector<Shard> shards = initial_shards(events, faults.front()->time);
  for (size_t i = 0; i < faults.size(); ++i) {
    const Event& e = *faults[i];
    Nanos end = i + 1 < faults.size() ? faults[i + 1]->time : run_end;
    ClusterFailover f;
    f.fault = e.name;
    FaultDetail detail = *fault_detail_of(e);
    f.fault_node = detail.node;
    f.old_master = detail.disrupted_master();
    f.fault_time = e.time;
    f.window_end = end - e.time;
    add_cluster_phases(events, e.time, end, &f);
    add_shard_outages(history, shards, e.time, end, &f);
    add_old_master_writes(history, endpoint_of(events, f.old_master), e.time, end, &f);
    out.push_back(std::move(f));
  }
  return out;
}

nlohmann::json to_json(const ClusterFailover& f) {
  nlohmann::json phases = nlohmann::json::object();
  for (const auto& [k, v] : f.phases) phases[k] = v / kMillis;
  nlohmann::json shards = nlohmann::json::array();
  for (const auto& s : f.shards) {
    shards.push_back(
        {{"master", s.master},
         {"slots", s.slots},
         {"ok_writes", s.ok_writes},
         {"outage_ms", s.outage ? nlohmann::json(*s.outage / kMillis) : nullptr},
         {"outage_from_ms", s.outage_from ? nlohmann::json(*s.outage_from / kMillis) : nullptr},
         {"recovered", s.recovered},
         {"errors", s.errors}});
  }
  return {{"fault", f.fault},
          {"node", f.fault_node},
          {"old_master", f.old_master},
          {"fault_at_ms", f.fault_time / kMillis},
          {"window_ms", f.window_end / kMillis},
          {"new_master", f.new_master},
          {"new_epoch", f.new_epoch},
          {"failed_over", f.failed_over()},
          {"old_master_writes", f.old_master_writes},
          {"phases", phases},
          {"shards", shards}};
}

std::string describe(const ClusterFailover& f) {
  std::string hit = f.fault_node.empty() ? "" : " " + f.fault_node;
  std::string out = fmt::format("cluster failover: {}{} (master {}) at {} ms\n", f.fault, hit,
                                f.old_master, f.fault_time / kMillis);
  std::vector<std::pair<Nanos, std::string>> timeline;
  for (const auto& [key, at] : f.phases) timeline.emplace_back(at, key);
  std::sort(timeline.begin(), timeline.end());
  for (const auto& [at, key] : timeline) {
    std::string extra =
        key == "promoted" ? fmt::format("  {} (config epoch {})", f.new_master, f.new_epoch) : "";
    out += fmt::format("  {:>8} ms  {}{}\n", at / kMillis, key, extra);
  }
  if (f.old_master_writes > 0) {
    out += fmt::format("  {} acknowledged {} writes after the fault, the last at {} ms{}\n",
                       f.old_master, f.old_master_writes,
                       f.phases.at("old_master_last_write") / kMillis,
                       f.phases.count("old_master_refused")
                           ? fmt::format("; it refused writes (CLUSTERDOWN) from {} ms",
                                         f.phases.at("old_master_refused") / kMillis)
                           : "");
  }
  if (!f.failed_over()) out += "  no replica of the old master was promoted\n";
  for (const auto& s : f.shards) {
    std::string errors;
    for (const auto& [kind, n] : s.errors)
      errors += fmt::format("{}{} {}", errors.empty() ? "" : ", ", kind, n);
    out += fmt::format("  shard {} ({}): write outage {}{}, {} ok writes{}\n", s.master, s.slots,
                       ms(s.outage), s.recovered ? "" : " (not recovered)", s.ok_writes,
                       errors.empty() ? "" : "; errors: " + errors);
  }
  return out;
}

CheckResult check_cluster_failover(const History& history, const Events& events,
                                   const nlohmann::json& given) {
  const nlohmann::json options = given.is_object() ? given : nlohmann::json::object();
  std::string expect = options.value("expect", "any");
  if (expect != "any" && expect != "failover") {
    throw UsageError(
        fmt::format("cluster-failover: bad expect '{}': expected any or failover", expect));
  }
  long long max_allowed = options.value("max_outage_ms", -1LL);
  CheckResult r;
  r.name = "cluster-failover";
  r.detail = nlohmann::json::array();
  std::vector<ClusterFailover> all = analyze_cluster_failovers(history, events);
  int64_t failovers = 0;
  Nanos worst = 0;
  std::string problem;
  for (const auto& f : all) {
    r.detail.push_back(to_json(f));
    r.explanation += describe(f);
    failovers += f.failed_over();
    if (expect == "failover" && !f.failed_over() && problem.empty()) {
      problem = fmt::format("{} {}: no replica was promoted", f.fault, f.fault_node);
    }
    for (const auto& s : f.shards) worst = std::max(worst, s.outage.value_or(0));
  }
  r.metrics["disruptions"] = all.size();
  r.metrics["failovers"] = failovers;
  r.metrics["max_outage_ms"] = worst / kMillis;
  if (!all.empty()) {
    const ClusterFailover& first = all.front();
    if (first.phases.count("promoted"))
      r.metrics["promoted_ms"] = first.phases.at("promoted") / kMillis;
    if (first.phases.count("fail")) r.metrics["fail_ms"] = first.phases.at("fail") / kMillis;
    r.metrics["old_master_writes"] = first.old_master_writes;
    for (const char* key : {"old_master_last_write", "old_master_refused"}) {
      if (first.phases.count(key))
        r.metrics[std::string(key) + "_ms"] = first.phases.at(key) / kMillis;
    }
    for (const auto& s : first.shards) {
      if (s.master == first.old_master && s.outage) r.metrics["outage_ms"] = *s.outage / kMillis;
    }
  }
  if (max_allowed >= 0 && worst / kMillis > max_allowed && problem.empty()) {
    problem = fmt::format("a shard's write outage of {} ms exceeds max_outage_ms {}",
                          worst / kMillis, max_allowed);
  }
  if (all.empty()) {
    r.verdict = Verdict::kUnknown;
    r.summary = "no fault hit a cluster master: nothing to measure";
  } else if (!problem.empty()) {
    r.verdict = Verdict::kInvalid;
    r.summary = problem;
  } else {
    r.verdict = Verdict::kValid;
    r.summary = fmt::format("{} disruption(s), {} failover(s), longest shard write outage {} ms",
                            all.size(), failovers, worst / kMillis);
  }
  return r;
}

}  // namespace rrt
