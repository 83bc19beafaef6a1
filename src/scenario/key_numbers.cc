#include "scenario/key_numbers.h"

#include <fmt/format.h>

namespace rrt {

namespace {

std::string secs(int64_t ms) {
  return fmt::format("{:.2f} s", static_cast<double>(ms) / 1000);
}

// Sentences for one check's metrics.
void add_check(const nlohmann::json& c, std::vector<std::string>* out) {
  std::string name = c.value("name", "");
  if (name == "stale-reads" && c.value("reads", 0) > 0) {
    out->push_back(fmt::format("{} of {} replica reads were stale ({:.1f}%)",
                               c.value("stale_reads", 0), c.value("reads", 0),
                               100 * c.value("stale_rate", 0.0)));
  }
  if (name == "cluster-failover" && c.contains("promoted_ms")) {
    out->push_back(fmt::format(
        "a replica was promoted {} after the fault; the dead master's "
        "slots refused writes for {}",
        secs(c.value("promoted_ms", int64_t{0})), secs(c.value("max_outage_ms", int64_t{0}))));
  }
  if ((name == "counter" || name == "set") && c.contains("lost")) {
    int64_t lost = c.value("lost", int64_t{0});
    const char* what = name == "counter" ? "increments" : "set additions";
    out->push_back(lost > 0 ? fmt::format("{} acknowledged {} were lost (of {} acknowledged)", lost,
                                          what, c.value("acknowledged", int64_t{0}))
                            : fmt::format("no acknowledged {} were lost ({} acknowledged)", what,
                                          c.value("acknowledged", int64_t{0})));
  }
}

// Sentences for results.json "failover" (check/failover_anatomy.h).
void add_failover(const nlohmann::json& f, std::vector<std::string>* out) {
  const nlohmann::json& p = f.value("phases", nlohmann::json::object());
  if (p.contains("switch_master")) {
    out->push_back(fmt::format("a new master was announced {} after the fault",
                               secs(p["switch_master"].get<int64_t>())));
  } else if (!f.value("failovers", nlohmann::json::array()).empty()) {
    out->push_back("no failover happened");
  }
  if (f.contains("outage_ms") && f["outage_ms"].is_number()) {
    int64_t ms = f["outage_ms"].get<int64_t>();
    out->push_back(ms > 0 ? fmt::format("writes were refused for {}", secs(ms))
                          : std::string("writes were never refused: some master always took them"));
  }
  for (const auto& one : f.value("failovers", nlohmann::json::array())) {
    int64_t late = one.value("late_old_master_writes", int64_t{0});
    if (late > 0) {
      out->push_back(
          fmt::format("the old master acknowledged {} writes after the promotion "
                      "(split brain)",
                      late));
    }
  }
}

}  // namespace

std::vector<std::string> key_numbers(const nlohmann::json& results) {
  std::vector<std::string> out;
  if (results.contains("failover")) add_failover(results["failover"], &out);
  for (const auto& c : results.value("checks", nlohmann::json::array())) add_check(c, &out);
  return out;
}

}  // namespace rrt
