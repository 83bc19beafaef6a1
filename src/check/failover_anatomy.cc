#include "check/failover_anatomy.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/duration.h"
#include "base/errors.h"
#include "history/fault_detail.h"
#include "topo/switch_master.h"

namespace rrt {

namespace {

// The Sentinel events that make up a failover, in the order Sentinel goes through them, with
// the key they have in FailoverAnatomy::phases. `master_only`: count only events about the
// master (+sdown and +odown are also published for replicas and other sentinels).
struct PhaseEvent {
  const char* channel;
  const char* key;
  bool master_only;
};
constexpr PhaseEvent kPhaseEvents[] = {
    {"+sdown", "sdown", true},
    {"+odown", "odown", true},
    {"+try-failover", "try_failover", false},
    {"+elected-leader", "elected_leader", false},
    {"+promoted-slave", "promoted_slave", false},
    {"+switch-master", "switch_master", false},
    {"+failover-end", "failover_end", false},
    {"-odown", "odown_cleared", true},
    {"-sdown", "sdown_cleared", true},
};
constexpr char kFirstWrite[] = "first_write_new_master";

bool is_write(const std::string& f) {
  static const char* kWrites[] = {"write", "put", "set", "incr", "add", "decr", "append", "cas"};
  for (const char* w : kWrites) {
    if (f == w) return true;
  }
  return false;
}

std::string message_of(const Event& e) {
  return e.detail.value("message", "");
}

// "+switch-master <name> <old-ip> <old-port> <new-ip> <new-port>" -> old, new.
std::pair<std::string, std::string> switch_addresses(const std::string& message) {
  std::optional<SwitchMaster> m = parse_switch_master(message);
  if (!m) return {};
  return {m->old_master.to_string(), m->new_master.to_string()};
}

std::string ms_text(Nanos ns) {
  return format_duration(ns, DurationStyle::kOffset);
}

// Fills the Sentinel phases of `a` from the events in [start, end).
void add_sentinel_phases(const Events& events, Nanos start, Nanos end, FailoverAnatomy* a) {
  for (const Event& e : events) {
    if (e.time < start || e.time >= end || e.source != "sentinel") continue;
    std::string message = message_of(e);
    for (const PhaseEvent& p : kPhaseEvents) {
      if (e.name != p.channel || a->phases.count(p.key)) continue;
      if (p.master_only && message.rfind("master ", 0) != 0) continue;
      a->phases[p.key] = e.time - start;
      std::string detail = fmt::format("{} (from sentinel {})", message, e.node);
      if (e.name == "+switch-master") {
        auto [old_master, new_master] = switch_addresses(message);
        a->new_master = new_master;
        if (!old_master.empty()) a->old_master = old_master;
        detail = fmt::format("{} -> {}", old_master, new_master);
      }
      a->timeline.push_back({p.channel, e.time - start, detail});
    }
  }
}

// Other things in the window worth seeing beside the phases: the fault's own stop, other
// faults, role changes the observers saw (not their first sightings).
void add_context(const Events& events, Nanos start, Nanos end, FailoverAnatomy* a) {
  for (const Event& e : events) {
    if (e.time < start || e.time >= end) continue;
    std::optional<FaultDetail> fault = fault_detail_of(e);
    if (fault && e.time > start) {
      std::string what = e.name + " " + fault_phase_name(fault->phase);
      if (e.name == "fault-error") what = "fault error: " + fault->error;
      a->timeline.push_back({what, e.time - start, e.node});
    }
    if (e.source == "observer" && e.name == "role-change" &&
        !e.detail.value("from", nlohmann::json()).is_null()) {
      a->timeline.push_back({"role-change", e.time - start,
                             fmt::format("{} {} -> {}", e.node, e.detail.value("from", ""),
                                         e.detail.value("to", ""))});
      if (e.node == a->fault_node) {
        a->node_last_role = e.detail.value("to", "");
        a->node_last_role_at = e.time - start;
      }
    }
  }
}

// When the new master stopped following the old one (since the fault): the first of the
// leader's +failover-state-wait-promotion (REPLICAOF NO ONE sent), the observers seeing the new
// master answer as master, +promoted-slave and +switch-master. From then on, writes the old
// master acknowledges reach no one who will keep them.
Nanos promotion_time(const Events& events, Nanos start, Nanos end, const FailoverAnatomy& a) {
  Nanos best = end - start;
  for (const Event& e : events) {
    if (e.time < start || e.time >= end) continue;
    bool promoted =
        (e.source == "sentinel" && e.name == "+failover-state-wait-promotion") ||
        (e.source == "observer" && e.name == "role-change" &&
         e.detail.value("endpoint", "") == a.new_master && e.detail.value("to", "") == "master");
    if (promoted) best = std::min(best, e.time - start);
  }
  for (const char* key : {"promoted_slave", "switch_master"}) {
    if (a.phases.count(key)) best = std::min(best, a.phases.at(key));
  }
  return best;
}

// With a failover: from the last ok write the old master acknowledged before the new master's
// first, to that first one. Old-master writes acknowledged after the promotion are late.
void failover_outage(const History& history, Nanos start, Nanos end, Nanos promotion,
                     FailoverAnatomy* a) {
  for (const Op& op : history) {
    if (op.type == OpType::kOk && is_write(op.f) && op.time >= start && op.time < end &&
        op.node == a->new_master) {
      a->first_ok_write_after = op.time - start;
      break;
    }
  }
  for (const Op& op : history) {
    if (op.type != OpType::kOk || !is_write(op.f) || op.time >= end || op.node != a->old_master) {
      continue;
    }
    Nanos t = op.time - start;
    if (!a->first_ok_write_after || t < *a->first_ok_write_after) a->last_ok_write_before = t;
    if (t > promotion) ++a->late_old_master_writes;
  }
}

// Without a failover: the longest gap between two ok writes (any node) that ends after the
// fault; if clients kept trying after the last ok write for longer than that, writes never
// resumed.
void longest_write_gap(const History& history, Nanos start, Nanos end, FailoverAnatomy* a) {
  std::optional<Nanos> previous, last_attempt;
  Nanos best = -1;
  for (const Op& op : history) {
    if (op.type == OpType::kInvoke || !is_write(op.f) || op.time >= end) continue;
    last_attempt = op.time;
    if (op.type != OpType::kOk) continue;
    if (previous && op.time >= start && op.time - *previous > best) {
      best = op.time - *previous;
      a->last_ok_write_before = *previous - start;
      a->first_ok_write_after = op.time - start;
    }
    previous = op.time;
  }
  if (previous && last_attempt && *last_attempt - *previous > best && *last_attempt >= start) {
    a->last_ok_write_before = *previous - start;
    a->first_ok_write_after.reset();
  }
}

// The outage and the errors that completed during it.
void add_outage(const History& history, const Events& events, Nanos start, Nanos end,
                FailoverAnatomy* a) {
  if (a->failed_over()) {
    a->promotion = promotion_time(events, start, end, *a);
    failover_outage(history, start, end, *a->promotion, a);
    if (a->first_ok_write_after) {
      a->phases[kFirstWrite] = *a->first_ok_write_after;
      a->timeline.push_back(
          {"first ok write on the new master", *a->first_ok_write_after, a->new_master});
    }
  } else {
    longest_write_gap(history, start, end, a);
  }
  Nanos from = start + a->last_ok_write_before.value_or(0);
  Nanos to = a->first_ok_write_after ? start + *a->first_ok_write_after : end;
  for (const Op& op : history) {
    if (op.type == OpType::kOk || op.type == OpType::kInvoke || op.time < from || op.time > to) {
      continue;
    }
    ++a->errors[fmt::format("{} ({})", op.error.empty() ? "unknown" : op.error,
                            op_type_name(op.type))];
  }
}

FailoverAnatomy analyze_one(const History& history, const Events& events, const Event& fault,
                            Nanos end) {
  FailoverAnatomy a;
  a.fault = fault.name;
  a.fault_node = fault.node;
  a.fault_time = fault.time;
  a.old_master = fault_detail_of(fault)->endpoint;
  a.window_end = end - fault.time;
  a.timeline.push_back({fault.name, 0, fault.node});
  add_sentinel_phases(events, fault.time, end, &a);
  add_context(events, fault.time, end, &a);
  add_outage(history, events, fault.time, end, &a);
  std::stable_sort(a.timeline.begin(), a.timeline.end(),
                   [](const FailoverPhase& x, const FailoverPhase& y) { return x.at < y.at; });
  return a;
}

}  // namespace

std::optional<Nanos> FailoverAnatomy::outage() const {
  if (!last_ok_write_before || !first_ok_write_after) return std::nullopt;
  return *first_ok_write_after - *last_ok_write_before;
}

std::vector<FailoverAnatomy> analyze_failovers(const History& history, const Events& unsorted) {
  Events events = unsorted;
  std::stable_sort(events.begin(), events.end(),
                   [](const Event& a, const Event& b) { return a.time < b.time; });
  Nanos run_end = 0;
  for (const Event& e : events) run_end = std::max(run_end, e.time + 1);
  for (const Op& op : history) run_end = std::max(run_end, op.time + 1);
  std::vector<const Event*> disruptions;
  for (const Event& e : events) {
    if (is_disruption(e)) disruptions.push_back(&e);
  }
  std::vector<FailoverAnatomy> out;
  for (size_t i = 0; i < disruptions.size(); ++i) {
    Nanos end = i + 1 < disruptions.size() ? disruptions[i + 1]->time : run_end;
    out.push_back(analyze_one(history, events, *disruptions[i], end));
  }
  return out;
}

static nlohmann::json ms(Nanos ns) {
  return ns / kMillis;
}

nlohmann::json to_json(const FailoverAnatomy& a) {
  nlohmann::json phases = nlohmann::json::object();
  for (const auto& [key, at] : a.phases) phases[key] = ms(at);
  nlohmann::json outage = {{"recovered", a.first_ok_write_after.has_value()}, {"errors", a.errors}};
  outage["ms"] = a.outage() ? ms(*a.outage()) : nlohmann::json();
  outage["from_ms"] = a.last_ok_write_before ? ms(*a.last_ok_write_before) : nlohmann::json();
  outage["to_ms"] = a.first_ok_write_after ? ms(*a.first_ok_write_after) : nlohmann::json();
  nlohmann::json timeline = nlohmann::json::array();
  for (const auto& p : a.timeline) {
    timeline.push_back({{"ms", ms(p.at)}, {"event", p.name}, {"detail", p.detail}});
  }
  return {{"fault", a.fault},
          {"node", a.fault_node},
          {"fault_at_ms", ms(a.fault_time)},
          {"old_master", a.old_master},
          {"new_master", a.new_master},
          {"failed_over", a.failed_over()},
          {"phases", phases},
          {"outage", outage},
          {"late_old_master_writes", a.late_old_master_writes},
          {"promotion_ms", a.promotion ? ms(*a.promotion) : nlohmann::json()},
          {"node_last_role",
           a.node_last_role.empty()
               ? nlohmann::json()
               : nlohmann::json{{"role", a.node_last_role}, {"ms", ms(a.node_last_role_at)}}},
          {"window_ms", ms(a.window_end)},
          {"timeline", timeline}};
}

std::string describe(const FailoverAnatomy& a, int number, int count) {
  std::string out = fmt::format("disruption {} of {}: {} {} at {:.3f} s into the run{}\n", number,
                                count, a.fault, a.fault_node.empty() ? "" : a.fault_node,
                                static_cast<double>(a.fault_time) / kSeconds,
                                a.old_master.empty() ? "" : " (master " + a.old_master + ")");
  for (const auto& p : a.timeline) {
    out += fmt::format("  {:>10}  {:<34} {}\n", ms_text(p.at), p.name, p.detail);
  }
  if (!a.failed_over()) {
    out += fmt::format("  no failover within {:.1f} s (no +switch-master)\n",
                       static_cast<double>(a.window_end) / kSeconds);
  } else if (!a.first_ok_write_after) {
    out += "  no write reached the new master in this window\n";
  }
  if (auto outage = a.outage()) {
    out += fmt::format(
        "  write outage: {} ms (last ok write{} at {}, first{} at {})\n", *outage / kMillis,
        a.failed_over() ? " on the old master" : "", ms_text(*a.last_ok_write_before),
        a.failed_over() ? " on the new master" : "", ms_text(*a.first_ok_write_after));
  } else if (a.last_ok_write_before && !a.failed_over()) {
    out += fmt::format("  writes did not resume (last ok write at {})\n",
                       ms_text(*a.last_ok_write_before));
  }
  if (!a.errors.empty()) {
    std::string kinds;
    for (const auto& [kind, n] : a.errors)
      kinds += fmt::format("{}{} {}", kinds.empty() ? "" : ", ", kind, n);
    out += "  errors during it: " + kinds + "\n";
  }
  if (!a.node_last_role.empty()) {
    out += fmt::format("  {} was last seen as {} (from {})\n", a.fault_node, a.node_last_role,
                       ms_text(a.node_last_role_at));
  }
  if (a.late_old_master_writes > 0) {
    out += fmt::format(
        "  split brain: the old master acknowledged {} writes after the promotion "
        "({}): they are lost when Sentinel demotes it\n",
        a.late_old_master_writes, ms_text(a.promotion.value_or(0)));
  }
  return out;
}

// Faults named `verb` active at `t` (between a start and its stop).
static bool fault_active(const Events& events, const std::string& verb, Nanos t) {
  bool active = false;
  for (const Event& e : events) {
    if (e.time > t) break;
    std::optional<FaultDetail> fault = fault_detail_of(e);
    if (fault && e.name == verb) active = fault->phase == FaultPhase::kStart;
  }
  return active;
}

CheckResult check_failover_anatomy(const History& history, const Events& unsorted,
                                   const nlohmann::json& given) {
  const nlohmann::json options = given.is_object() ? given : nlohmann::json::object();
  std::string expect = options.value("expect", "any");
  if (expect != "any" && expect != "failover" && expect != "none") {
    throw UsageError("failover-anatomy option expect: expected any, failover or none");
  }
  int64_t max_outage_ms = options.value("max_outage_ms", int64_t{0});
  std::string no_failover_during = options.value("no_failover_during", "");
  Events events = unsorted;
  std::stable_sort(events.begin(), events.end(),
                   [](const Event& a, const Event& b) { return a.time < b.time; });
  std::vector<FailoverAnatomy> all = analyze_failovers(history, events);

  CheckResult r;
  r.name = "failover-anatomy";
  r.verdict = Verdict::kValid;
  std::vector<std::string> problems;
  int failovers = 0;
  int64_t worst = 0;
  for (size_t i = 0; i < all.size(); ++i) {
    const FailoverAnatomy& a = all[i];
    failovers += a.failed_over();
    if (auto o = a.outage()) worst = std::max(worst, *o / kMillis);
    r.explanation += describe(a, static_cast<int>(i + 1), static_cast<int>(all.size()));
    std::string which =
        fmt::format("{} at {:.1f} s", a.fault, static_cast<double>(a.fault_time) / kSeconds);
    if (expect == "failover" && !a.failed_over()) problems.push_back("no failover after " + which);
    if (expect == "none" && a.failed_over()) problems.push_back("a failover after " + which);
    if (max_outage_ms > 0 && a.outage() && *a.outage() / kMillis > max_outage_ms) {
      problems.push_back(fmt::format("writes refused for {} ms after {} (limit {} ms)",
                                     *a.outage() / kMillis, which, max_outage_ms));
    }
    if (!no_failover_during.empty() && a.phases.count("switch_master") &&
        fault_active(events, no_failover_during, a.fault_time + a.phases.at("switch_master"))) {
      problems.push_back(
          fmt::format("+switch-master after {} while {} was active", which, no_failover_during));
    }
  }
  r.metrics = {{"disruptions", all.size()}, {"failovers", failovers}, {"max_outage_ms", worst}};
  if (!all.empty()) {
    const FailoverAnatomy& a = all.front();
    if (a.outage()) r.metrics["outage_ms"] = *a.outage() / kMillis;
    if (a.phases.count("switch_master"))
      r.metrics["switch_master_ms"] = a.phases.at("switch_master") / kMillis;
  }
  if (!problems.empty()) {
    r.verdict = Verdict::kInvalid;
    r.summary = fmt::format("{}", fmt::join(problems, "; "));
  } else if (all.empty()) {
    r.verdict = expect == "any" ? Verdict::kValid : Verdict::kUnknown;
    r.summary = "no fault hit the master: nothing to dissect";
  } else {
    const FailoverAnatomy& a = all.front();
    r.summary = fmt::format("{} disruption(s), {} failover(s)", all.size(), failovers);
    if (a.phases.count("switch_master")) {
      r.summary += fmt::format("; first: +switch-master {}", ms_text(a.phases.at("switch_master")));
    }
    if (a.outage()) r.summary += fmt::format(", writes refused for {} ms", *a.outage() / kMillis);
  }
  return r;
}

}  // namespace rrt
