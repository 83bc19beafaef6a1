#include "report/key_numbers.h"

#include <fmt/format.h>

#include <optional>

#include "base/duration.h"

namespace rrt {

using nlohmann::json;

namespace {

std::string secs(int64_t ms) {
  return format_duration(ms * kMillis, DurationStyle::kReadable);
}

// A number field of `j`, if it holds one.
std::optional<int64_t> number(const json& j, const char* name) {
  auto it = j.find(name);
  if (it == j.end() || !it->is_number()) return std::nullopt;
  return it->get<int64_t>();
}

// Sentences for one disruption of results.json "failover.failovers" (check/failover_anatomy.h),
// each after `prefix` (which names the fault when there were several).
void add_failover(const json& f, const std::string& prefix, std::vector<std::string>* out) {
  const json phases = f.value("phases", json::object());
  if (auto at = number(phases, "switch_master")) {
    std::string who = f.value("new_master", "");
    out->push_back(fmt::format("{}a new master{} was announced {} after the fault", prefix,
                               who.empty() ? "" : " (" + who + ")", secs(*at)));
  } else {
    out->push_back(prefix + "no failover happened");
  }
  const json outage = f.value("outage", json::object());
  if (auto ms = number(outage, "ms")) {
    out->push_back(*ms > 0 ? fmt::format("{}writes were refused for {}", prefix, secs(*ms))
                           : prefix + "writes were never refused: some master always took them");
  } else if (!outage.value("recovered", true)) {
    out->push_back(prefix + "writes never resumed");
  }
  if (int64_t late = number(f, "late_old_master_writes").value_or(0); late > 0) {
    out->push_back(
        fmt::format("{}the old master acknowledged {} writes after the promotion "
                    "(split brain: lost when it is demoted)",
                    prefix, late));
  }
}

void add_failovers(const json& results, std::vector<std::string>* out) {
  auto it = results.find("failover");
  if (it == results.end() || !it->is_object()) return;
  const json list = it->value("failovers", json::array());
  for (const json& f : list) {
    std::string prefix =
        list.size() < 2
            ? std::string()
            : fmt::format("after {} {}, ", f.value("fault", "the fault"), f.value("node", ""));
    add_failover(f, prefix, out);
  }
}

// "20 acknowledged increments were lost (of 500 acknowledged)"; other checks than counter and
// set are named: "3 acknowledged writes were lost (register check)".
std::string lost_sentence(const json& c, const std::string& name, int64_t lost) {
  const char* what = name == "counter" ? "increments" : name == "set" ? "set additions" : "writes";
  std::string acked;
  if (auto n = number(c, "acknowledged")) acked = fmt::format("{} acknowledged", *n);
  if (lost == 0) {
    return fmt::format("no acknowledged {} were lost{}", what,
                       acked.empty() ? "" : " (" + acked + ")");
  }
  std::string detail = acked.empty() ? "" : "of " + acked;
  if (name != "counter" && name != "set") detail += (detail.empty() ? "" : ", ") + name + " check";
  return fmt::format("{} acknowledged {} were lost{}", lost, what,
                     detail.empty() ? "" : " (" + detail + ")");
}

// Sentences for one check's metrics.
void add_check(const json& c, std::vector<std::string>* out) {
  std::string name = c.value("name", "");
  if (name == "stale-reads" && number(c, "reads").value_or(0) > 0) {
    out->push_back(fmt::format("{} of {} replica reads were stale ({:.1f}%)",
                               c.value("stale_reads", 0), c.value("reads", 0),
                               100 * c.value("stale_rate", 0.0)));
  }
  // A master that refused writes itself was cut off, not dead (check/cluster_failover.h).
  bool cut_off = name == "cluster-failover" && c.contains("old_master_refused_ms");
  if (name == "cluster-failover" && c.contains("promoted_ms")) {
    out->push_back(fmt::format(
        "a replica was promoted {} after the fault; {} refused writes for {}",
        secs(c.value("promoted_ms", int64_t{0})), cut_off ? "a shard" : "the dead master's slots",
        secs(c.value("max_outage_ms", int64_t{0}))));
  }
  if (int64_t writes = number(c, "old_master_writes").value_or(0); cut_off && writes > 0) {
    out->push_back(fmt::format(
        "the cut-off master acknowledged {} writes in the {} after the fault, then refused "
        "them (it found itself in the minority): lost when it rejoins as a replica",
        writes, secs(c.value("old_master_last_write_ms", int64_t{0}))));
  }
  if (auto lost = number(c, "lost")) {
    if (*lost > 0 || name == "counter" || name == "set")
      out->push_back(lost_sentence(c, name, *lost));
  }
}

}  // namespace

std::vector<std::string> key_numbers(const json& results) {
  std::vector<std::string> out;
  add_failovers(results, &out);
  for (const auto& c : results.value("checks", json::array())) add_check(c, &out);
  return out;
}

}  // namespace rrt
