#include "report/report_timeline.h"

#include <algorithm>
#include <set>

#include "history/fault_detail.h"

namespace rrt {

namespace {

std::string fault_label(const Event& e, const FaultDetail& d) {
  std::string label = e.name;
  if (!e.node.empty()) label += " " + e.node;
  if (d.role) label += std::string(" (") + role_name(*d.role) + ")";
  if (d.extra.contains("groups")) label += " " + d.extra["groups"].dump();  // a partition's
  return label;
}

// A stop closes the latest open start of the same verb and node.
void add_faults(const Events& events, Nanos end, Timeline* t) {
  std::vector<size_t> open;
  for (const Event& e : events) {
    std::optional<FaultDetail> d = fault_detail_of(e);
    if (!d || e.name == "fault-error") continue;
    if (d->phase == FaultPhase::kStart) {
      t->faults.push_back({e.name, e.node, e.time, -1, fault_label(e, *d)});
      open.push_back(t->faults.size() - 1);
    } else {
      for (auto it = open.rbegin(); it != open.rend(); ++it) {
        FaultBand& f = t->faults[*it];
        if (f.verb == e.name && f.node == e.node) {
          f.to = e.time;
          open.erase(std::next(it).base());
          break;
        }
      }
    }
  }
  // A start never stopped had nothing to undo, unless the run ended (or was healed) first.
  Nanos healed = end;
  for (const Event& e : events) {
    if (e.source == "runner" && e.name == "healed") healed = e.time;
  }
  for (size_t i : open) {
    FaultBand& f = t->faults[i];
    f.to = f.verb == "sentinel-failover" ? f.from : healed;
  }
}

void add_roles(const Events& events, Nanos end, Timeline* t) {
  auto set_role = [&](const std::string& node, const std::string& role, Nanos at) {
    auto& spans = t->roles[node];
    if (!spans.empty()) {
      if (spans.back().role == role) return;
      spans.back().to = at;
    }
    spans.push_back({role, at, end});
  };
  for (const Event& e : events) {
    if (e.source == "runner" && e.name == "lab-ready" && e.detail.contains("nodes")) {
      for (const auto& n : e.detail["nodes"]) {
        std::string role = n.value("role", "");
        if (role != "sentinel") set_role(n.value("name", ""), role, e.time);
      }
    } else if (e.source == "observer" && e.name == "role-change") {
      set_role(e.node, e.detail.value("to", "?"), e.time);
    }
  }
}

void add_marks(const Events& events, Timeline* t) {
  std::set<std::pair<std::string, std::string>> seen;
  for (const Event& e : events) {
    if (e.source != "sentinel" || e.name.rfind("__sentinel__", 0) == 0) continue;
    std::string message = e.detail.value("message", "");
    if (seen.insert({e.name, message}).second) t->sentinel.push_back({e.time, e.name, message});
  }
}

// The observer leaves a node without a known offset out of its "offsets" snapshots: a node
// absent from the previous snapshot starts a new run.
void add_lag(const Events& events, Timeline* t) {
  std::set<std::string> present;
  for (const Event& e : events) {
    if (e.source != "observer" || e.name != "offsets" || !e.detail.is_object()) continue;
    int64_t top = 0;
    for (const auto& [node, offset] : e.detail.items()) {
      if (offset.is_number_integer()) top = std::max(top, offset.get<int64_t>());
    }
    std::set<std::string> now;
    for (const auto& [node, offset] : e.detail.items()) {
      if (!offset.is_number_integer()) continue;
      auto& runs = t->lag[node];
      if (runs.empty() || !present.count(node)) runs.emplace_back();
      runs.back().push_back({e.time, top - offset.get<int64_t>()});
      now.insert(node);
    }
    present = std::move(now);
  }
}

}  // namespace

Timeline build_timeline(const Events& events, Nanos end) {
  Timeline t;
  add_faults(events, end, &t);
  add_roles(events, end, &t);
  add_marks(events, &t);
  add_lag(events, &t);
  std::stable_sort(t.faults.begin(), t.faults.end(),
                   [](const FaultBand& a, const FaultBand& b) { return a.from < b.from; });
  return t;
}

}  // namespace rrt
