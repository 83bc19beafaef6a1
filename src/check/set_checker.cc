#include "check/set_checker.h"

#include <fmt/format.h>

#include <map>
#include <unordered_map>

#include "check/key_groups.h"
#include "check/value_table.h"

namespace rrt {

namespace {

struct SetTally {
  size_t attempted = 0, acknowledged = 0, survivors = 0, lost = 0, unexpected = 0;
  size_t failed_but_present = 0, recovered = 0, unsettled = 0, keys_unread = 0;
  std::map<std::string, size_t> lost_by_node;  // the node that acknowledged each lost add
};

// What we know about one element: the strongest outcome among its adds.
struct Element {
  OpType best = OpType::kFail;  // kOk > kInfo > kFail
  size_t call = 0;              // an add with that outcome
};

int strength(OpType t) {
  return t == OpType::kOk ? 2 : t == OpType::kInfo ? 1 : 0;
}

// Checks one key; appends anomalies to `result`'s evidence.
void check_key(const History& history, const std::vector<Call>& calls,
               const std::vector<size_t>& ids, SetTally* tally, CheckResult* result) {
  std::unordered_map<std::string, Element> added;
  const Call* final_read = nullptr;
  for (size_t id : ids) {
    const Call& c = calls[id];
    const Op& invoke = history[c.invoke];
    if (invoke.f == "add") {
      ++tally->attempted;
      tally->acknowledged += c.ok();
      auto [it, fresh] = added.try_emplace(encode_value(invoke.value), Element{c.outcome, id});
      if (!fresh && strength(c.outcome) > strength(it->second.best)) it->second = {c.outcome, id};
    } else if (invoke.f == "read" && c.ok()) {
      if (!final_read || c.complete > final_read->complete) final_read = &c;
    }
  }
  if (!final_read) {
    tally->keys_unread += !added.empty();
    return;
  }
  const Value& members = call_result(history, *final_read);
  std::unordered_map<std::string, bool> seen;
  bool read_is_evidence = false;
  for (const Value& m : members.items) {
    std::string code = encode_value(m);
    if (!seen.emplace(code, true).second) continue;
    auto it = added.find(code);
    if (it == added.end()) {
      ++tally->unexpected;
      read_is_evidence = true;
      continue;
    }
    ++tally->survivors;
    if (it->second.best == OpType::kInfo) ++tally->recovered;
    if (it->second.best == OpType::kFail) {
      ++tally->failed_but_present;
      read_is_evidence = true;
    }
  }
  for (const auto& [code, element] : added) {
    if (element.best != OpType::kOk || seen.count(code)) continue;
    const Call& add = calls[element.call];
    if (add.complete > final_read->invoke) {
      ++tally->unsettled;
      continue;
    }
    const Op& ack = history[add.complete];
    ++tally->lost_by_node[ack.node.empty() ? "unknown" : ack.node];
    if (++tally->lost <= kMaxEvidence) result->evidence.push_back(ack);
  }
  if (read_is_evidence || tally->lost) result->evidence.push_back(history[final_read->complete]);
}

}  // namespace

CheckResult check_set(const History& history) {
  CheckResult result;
  result.name = "set";
  std::vector<Call> calls = pair_calls(history);
  SetTally t;
  for (const auto& [key, ids] : group_by_key(history, calls)) {
    check_key(history, calls, ids, &t, &result);
  }
  double ack_rate = t.attempted ? double(t.acknowledged) / t.attempted : 0;
  double loss_rate = t.acknowledged ? double(t.lost) / t.acknowledged : 0;
  result.metrics = {{"attempted", t.attempted},   {"acknowledged", t.acknowledged},
                    {"survivors", t.survivors},   {"lost", t.lost},
                    {"unexpected", t.unexpected}, {"failed_but_present", t.failed_but_present},
                    {"recovered", t.recovered},   {"unsettled", t.unsettled},
                    {"ack_rate", ack_rate},       {"loss_rate", loss_rate}};
  result.metrics["unacknowledged_found"] = t.recovered + t.failed_but_present;
  result.metrics["lost_by_node"] = t.lost_by_node;
  // The classic split-brain report: every number, whatever the verdict.
  std::string report = fmt::format(
      "{} attempted, {} acknowledged (ack rate {:.1f}%), {} survivors, {} acknowledged lost "
      "(loss rate {:.1f}%), {} unacknowledged found",
      t.attempted, t.acknowledged, 100 * ack_rate, t.survivors, t.lost, 100 * loss_rate,
      t.recovered + t.failed_but_present);
  std::string by_node;
  for (const auto& [node, n] : t.lost_by_node) {
    by_node += fmt::format("{}{} by {}", by_node.empty() ? "" : ", ", n, node);
  }
  if (!by_node.empty()) report += " (acknowledged " + by_node + ")";
  if (t.lost || t.unexpected || t.failed_but_present) {
    result.verdict = Verdict::kInvalid;
    result.summary = report;
    if (t.unexpected) result.summary += fmt::format(", {} never attempted", t.unexpected);
    if (t.failed_but_present) {
      result.summary += fmt::format(" ({} of them from failed adds)", t.failed_but_present);
    }
  } else if (t.keys_unread || t.attempted == 0) {
    result.verdict = Verdict::kUnknown;
    result.summary = t.attempted ? "no ok final read to compare the adds with" : "no adds";
  } else {
    result.verdict = Verdict::kValid;
    result.summary = report;
  }
  return result;
}

}  // namespace rrt
