#include "check/linearizability.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "check/counterexample.h"
#include "check/partition.h"

namespace rrt {

namespace {

constexpr const char* kNotChecked = "cancelled";  // SearchOutcome::why_unknown

// Searches every partition, largest first, on up to `threads` threads. Unless `all_keys`, the
// first invalid partition cancels the others; those it cancelled or that never started are left
// unknown, why "cancelled".
void search_all(std::vector<Partition>* parts, SearchBudget budget, unsigned threads,
                bool all_keys) {
  std::vector<size_t> order(parts->size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return (*parts)[a].problem.ops.size() > (*parts)[b].problem.ops.size();
  });
  for (Partition& part : *parts) part.outcome.why_unknown = kNotChecked;
  std::atomic<bool> found_invalid{false};
  if (!all_keys) budget.cancel = &found_invalid;
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < order.size();) {
      if (!all_keys && found_invalid.load()) return;
      Partition& part = (*parts)[order[i]];
      part.outcome = search_linearization(part.problem, &part.values, budget);
      if (part.outcome.verdict == Verdict::kInvalid) found_invalid = true;
    }
  };
  unsigned n = threads ? threads : std::max(1u, std::thread::hardware_concurrency());
  n = static_cast<unsigned>(std::min<size_t>(n, parts->size()));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < n; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
}

struct Tally {
  size_t ok = 0, info = 0, fail = 0;
};

Tally count_outcomes(const std::vector<Call>& calls) {
  Tally t;
  for (const Call& c : calls) {
    if (c.ok()) ++t.ok;
    if (c.info()) ++t.info;
    if (c.failed()) ++t.fail;
  }
  return t;
}

// The invalid partition whose failing op completes first, or nullptr.
Partition* first_invalid(std::vector<Partition>& parts) {
  Partition* first = nullptr;
  for (Partition& p : parts) {
    if (p.outcome.verdict != Verdict::kInvalid) continue;
    size_t pos = p.problem.ops[p.outcome.failed_op].return_pos;
    if (!first || pos < first->problem.ops[first->outcome.failed_op].return_pos) first = &p;
  }
  return first;
}

void add_evidence(const History& history, const std::vector<Call>& calls, const Counterexample& cx,
                  CheckResult* result) {
  for (size_t id : cx.window) {
    result->evidence.push_back(history[calls[id].invoke]);
    if (calls[id].complete != kNever) result->evidence.push_back(history[calls[id].complete]);
  }
}

// "keys not checked: a, b, ... and 7 more (...)\n", or "" when every key was checked.
std::string not_checked_text(const std::vector<std::string>& keys) {
  constexpr size_t kShown = 20;
  if (keys.empty()) return "";
  std::string names;
  for (size_t i = 0; i < keys.size() && i < kShown; ++i) names += (i ? ", " : "") + keys[i];
  if (keys.size() > kShown) names += fmt::format(" and {} more", keys.size() - kShown);
  return fmt::format(
      "keys not checked: {} (stopped at the first invalid key; --all-keys checks them all)\n",
      names);
}

// What the searches of all keys came to.
struct KeyTally {
  size_t invalid = 0, unknown = 0, configurations = 0, peak_bytes = 0;
  std::string why_unknown;
  std::vector<std::string> not_checked;  // keys cancelled by another key's anomaly
};

KeyTally tally_keys(const std::vector<Partition>& parts) {
  KeyTally t;
  for (const Partition& p : parts) {
    t.invalid += p.outcome.verdict == Verdict::kInvalid;
    if (p.outcome.verdict == Verdict::kUnknown && p.outcome.why_unknown == kNotChecked) {
      t.not_checked.push_back(p.key);
    } else if (p.outcome.verdict == Verdict::kUnknown) {
      ++t.unknown;
      t.why_unknown = p.outcome.why_unknown;
    }
    t.configurations += p.outcome.configurations;
    t.peak_bytes = std::max(t.peak_bytes, p.outcome.peak_bytes);
  }
  return t;
}

}  // namespace

CheckResult check_linearizability(const History& history, const Model& model,
                                  const LinearizabilityOptions& options) {
  Nanos start = mono_ns();
  CheckResult result;
  result.name = model.name();
  std::vector<Call> calls = pair_calls(history);
  std::vector<Partition> parts = partition_by_key(history, calls, model);
  std::atomic<int64_t> memory{0};
  SearchBudget budget;
  if (options.time_limit_s > 0) budget.deadline = start + Nanos(options.time_limit_s * 1e9);
  budget.memory_limit = options.memory_limit_mb << 20;
  budget.memory_used = &memory;
  search_all(&parts, budget, options.threads, options.all_keys);
  Nanos searched = mono_ns();

  KeyTally keys = tally_keys(parts);
  size_t invalid = keys.invalid, unknown = keys.unknown;
  Tally tally = count_outcomes(calls);
  result.verdict = invalid ? Verdict::kInvalid : unknown ? Verdict::kUnknown : Verdict::kValid;
  std::string over = parts.size() == 1 ? "" : fmt::format(" over {} keys", parts.size());
  if (Partition* bad = first_invalid(parts)) {
    // Narrowing the window gets its own budget: at most 5 s, less if the time limit is short.
    SearchBudget narrow = {};
    Nanos allowance = 5 * kSeconds;
    if (budget.deadline) allowance = std::clamp(budget.deadline - mono_ns(), kSeconds, allowance);
    narrow.deadline = mono_ns() + allowance;
    narrow.max_steps = 5'000'000;
    Counterexample cx = explain_failure(bad, calls, narrow);
    result.detail = counterexample_to_json(history, calls, cx);
    result.explanation =
        not_checked_text(keys.not_checked) + counterexample_text(history, calls, cx);
    add_evidence(history, calls, cx, &result);
    const Call& failed = calls[cx.failed_call];
    std::string unchecked =
        keys.not_checked.empty()
            ? ""
            : fmt::format("; {} not checked after the first invalid one", keys.not_checked.size());
    result.summary = fmt::format(
        "not linearizable: {}op {} by process {}, {}, cannot be linearized "
        "({} of {} keys invalid{})",
        cx.key.empty() ? "" : "key " + cx.key + ": ", history[failed.invoke].index,
        history[failed.invoke].process, describe_call(history, failed), invalid, parts.size(),
        unchecked);
  } else if (unknown) {
    result.summary = fmt::format("unknown: {} reached on {} of {} keys; no anomaly found so far",
                                 keys.why_unknown, unknown, parts.size());
  } else {
    result.summary = fmt::format("linearizable: {} ops{}", calls.size(), over);
  }
  Nanos end = mono_ns();
  result.metrics = {{"model", model.name()},
                    {"ops", calls.size()},
                    {"ok", tally.ok},
                    {"info", tally.info},
                    {"fail", tally.fail},
                    {"keys", parts.size()},
                    {"invalid_keys", invalid},
                    {"unknown_keys", unknown},
                    {"unchecked_keys", keys.not_checked.size()},
                    {"keys_not_checked", keys.not_checked},
                    {"configurations", keys.configurations},
                    {"cache_mb_max", keys.peak_bytes / 1048576.0},
                    {"search_seconds", (searched - start) / 1e9},
                    {"explain_seconds", (end - searched) / 1e9},
                    {"seconds", (end - start) / 1e9}};
  if (!keys.why_unknown.empty()) result.metrics["why_unknown"] = keys.why_unknown;
  return result;
}

}  // namespace rrt
