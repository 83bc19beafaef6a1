#include "check/counter_checker.h"

#include <fmt/format.h>

#include <algorithm>

#include "check/key_groups.h"

namespace rrt {

namespace {

// Increments ordered by one position (completion or invocation) with running sums, so
// "everything before position p" is one binary search.
class PrefixSums {
 public:
  void add(size_t pos, int64_t amount) { items_.push_back({pos, amount}); }
  void seal() {
    std::sort(items_.begin(), items_.end(), [](auto& a, auto& b) { return a.pos < b.pos; });
    sums_.assign(1, Sums{});
    for (const Item& i : items_) {
      Sums s = sums_.back();
      s.total += i.amount;
      s.up += std::max<int64_t>(i.amount, 0);
      s.down += std::min<int64_t>(i.amount, 0);
      sums_.push_back(s);
    }
  }
  struct Sums {
    int64_t total = 0, up = 0, down = 0;
  };
  // Sums over items with pos < `pos`.
  Sums before(size_t pos) const {
    auto it = std::lower_bound(items_.begin(), items_.end(), pos,
                               [](const Item& i, size_t p) { return i.pos < p; });
    return sums_[it - items_.begin()];
  }

 private:
  struct Item {
    size_t pos;
    int64_t amount;
  };
  std::vector<Item> items_;
  std::vector<Sums> sums_;
};

struct CounterTally {
  size_t reads = 0, bad = 0;
  int64_t acknowledged = 0, attempted = 0;
  const Call* final_read = nullptr;
  int64_t final_lower = 0, final_upper = 0;
};

int64_t amount_of(const Op& invoke) {
  int64_t amount = invoke.value.kind == Value::Kind::kInt ? invoke.value.integer : 1;
  return invoke.f == "decr" ? -amount : amount;
}

void check_key(const History& history, const std::vector<Call>& calls,
               const std::vector<size_t>& ids, int64_t initial, CounterTally* t,
               CheckResult* result) {
  PrefixSums certain, possible;  // by completion (ok only); by invocation (ok and info)
  for (size_t id : ids) {
    const Call& c = calls[id];
    const Op& invoke = history[c.invoke];
    if ((invoke.f != "incr" && invoke.f != "add" && invoke.f != "decr") || c.failed()) continue;
    int64_t amount = amount_of(invoke);
    if (c.ok()) {
      certain.add(c.complete, amount);
      t->acknowledged += amount;
    }
    possible.add(c.invoke, amount);
    t->attempted += amount;
  }
  certain.seal();
  possible.seal();
  for (size_t id : ids) {
    const Call& c = calls[id];
    if (history[c.invoke].f != "read" || !c.ok()) continue;
    ++t->reads;
    auto sure = certain.before(c.invoke);
    auto maybe = possible.before(c.complete);
    int64_t lower = initial + sure.total + (maybe.down - sure.down);
    int64_t upper = initial + sure.total + (maybe.up - sure.up);
    const Value& read = call_result(history, c);
    bool in_bounds =
        read.kind == Value::Kind::kInt && read.integer >= lower && read.integer <= upper;
    if (!in_bounds && ++t->bad <= kMaxEvidence) result->evidence.push_back(history[c.complete]);
    if (!t->final_read || c.complete > t->final_read->complete) {
      t->final_read = &c;
      t->final_lower = lower;
      t->final_upper = upper;
    }
  }
}

}  // namespace

CheckResult check_counter(const History& history, int64_t initial) {
  CheckResult result;
  result.name = "counter";
  std::vector<Call> calls = pair_calls(history);
  CounterTally t;
  for (const auto& [key, ids] : group_by_key(history, calls)) {
    check_key(history, calls, ids, initial, &t, &result);
  }
  result.metrics = {{"reads", t.reads},
                    {"bad_reads", t.bad},
                    {"acknowledged", t.acknowledged},
                    {"attempted", t.attempted}};
  if (t.final_read) {
    const Value& v = call_result(history, *t.final_read);
    int64_t final_value = v.kind == Value::Kind::kInt ? v.integer : 0;
    result.metrics["final_read"] = value_to_json(v);
    result.metrics["final_lower"] = t.final_lower;
    result.metrics["final_upper"] = t.final_upper;
    result.metrics["lost"] = std::max<int64_t>(0, t.final_lower - final_value);
    result.metrics["excess"] = std::max<int64_t>(0, final_value - t.final_upper);
  }
  if (t.bad) {
    result.verdict = Verdict::kInvalid;
    result.summary = fmt::format("{} of {} reads outside their bounds", t.bad, t.reads);
    if (t.final_read) {
      result.summary +=
          fmt::format(" (final read {}, expected {}..{})",
                      to_string(call_result(history, *t.final_read)), t.final_lower, t.final_upper);
    }
  } else if (!t.reads) {
    result.verdict = Verdict::kUnknown;
    result.summary = "no ok read of the counter";
  } else {
    result.verdict = Verdict::kValid;
    result.summary =
        fmt::format("all {} reads within bounds; {} acknowledged", t.reads, t.acknowledged);
  }
  return result;
}

}  // namespace rrt
