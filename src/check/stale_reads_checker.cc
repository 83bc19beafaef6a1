#include "check/stale_reads_checker.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <set>

#include "check/key_groups.h"

namespace rrt {

namespace {

bool is_write(const std::string& f) {
  return f == "write" || f == "put" || f == "set";
}
bool is_read(const std::string& f) {
  return f == "read" || f == "get";
}

// Orders values: nil < integers (numerically) < strings (as text) < lists.
bool older(const Value& a, const Value& b) {
  if (a.kind != b.kind) return a.kind < b.kind;
  if (a.kind == Value::Kind::kInt) return a.integer < b.integer;
  if (a.kind == Value::Kind::kString) return a.text < b.text;
  return to_string(a) < to_string(b);
}

// Completed writes of one key, indexed by the rank of their value from the newest down, so
// "writes newer than v" is a prefix: a Fenwick tree of counts and of earliest completion times.
class NewerWrites {
 public:
  explicit NewerWrites(std::vector<Value> values) : values_(std::move(values)) {
    std::sort(values_.begin(), values_.end(), older);
    count_.assign(values_.size() + 1, 0);
    earliest_.assign(values_.size() + 1, std::numeric_limits<Nanos>::max());
  }
  void add(const Value& v, Nanos completed) {
    for (size_t i = slot(v) + 1; i < count_.size(); i += i & (~i + 1)) {
      ++count_[i];
      earliest_[i] = std::min(earliest_[i], completed);
    }
  }
  // How many added writes are newer than `v`, and the earliest completion among them.
  std::pair<size_t, Nanos> newer_than(const Value& v) const {
    size_t n = values_.end() - std::upper_bound(values_.begin(), values_.end(), v, older);
    size_t count = 0;
    Nanos earliest = std::numeric_limits<Nanos>::max();
    for (size_t i = n; i > 0; i -= i & (~i + 1)) {
      count += count_[i];
      earliest = std::min(earliest, earliest_[i]);
    }
    return {count, earliest};
  }

 private:
  size_t slot(const Value& v) const {  // 0 for the newest value
    auto it = std::lower_bound(values_.begin(), values_.end(), v, older);
    return values_.end() - it - 1;
  }
  std::vector<Value> values_;  // ok-written values, oldest first
  std::vector<size_t> count_;
  std::vector<Nanos> earliest_;
};

struct StaleTally {
  size_t reads = 0, stale = 0, unwritten = 0, max_versions = 0;
  Nanos max_stale = 0;
};

void check_key(const History& history, const std::vector<Call>& calls,
               const std::vector<size_t>& ids, StaleTally* t, CheckResult* result) {
  std::vector<Value> written;
  std::set<std::string> attempted;
  std::vector<std::pair<size_t, size_t>> events;  // (position, call): write completions, reads
  for (size_t id : ids) {
    const Call& c = calls[id];
    const Op& invoke = history[c.invoke];
    if (is_write(invoke.f)) {
      attempted.insert(to_string(invoke.value));
      if (c.ok()) {
        written.push_back(invoke.value);
        events.push_back({c.complete, id});
      }
    } else if (is_read(invoke.f) && c.ok()) {
      events.push_back({c.invoke, id});
    }
  }
  std::sort(events.begin(), events.end());
  NewerWrites newer(written);
  for (auto [pos, id] : events) {
    const Call& c = calls[id];
    const Op& invoke = history[c.invoke];
    if (is_write(invoke.f)) {
      newer.add(invoke.value, history[c.complete].time);
      continue;
    }
    ++t->reads;
    const Value& v = call_result(history, c);
    if (!v.is_nil() && !attempted.count(to_string(v))) {
      if (++t->unwritten + t->stale <= kMaxEvidence)
        result->evidence.push_back(history[c.complete]);
      continue;
    }
    auto [versions, overwritten_at] = newer.newer_than(v);
    if (versions == 0) continue;
    t->max_versions = std::max(t->max_versions, versions);
    t->max_stale = std::max(t->max_stale, invoke.time - overwritten_at);
    if (++t->stale + t->unwritten <= kMaxEvidence) result->evidence.push_back(history[c.complete]);
  }
}

}  // namespace

CheckResult check_stale_reads(const History& history) {
  CheckResult result;
  result.name = "stale-reads";
  std::vector<Call> calls = pair_calls(history);
  StaleTally t;
  for (const auto& [key, ids] : group_by_key(history, calls)) {
    check_key(history, calls, ids, &t, &result);
  }
  double rate = t.reads ? double(t.stale) / t.reads : 0;
  result.metrics = {{"reads", t.reads},
                    {"stale_reads", t.stale},
                    {"stale_rate", rate},
                    {"max_stale_versions", t.max_versions},
                    {"max_stale_ms", t.max_stale / 1e6},
                    {"unwritten_reads", t.unwritten}};
  if (t.stale || t.unwritten) {
    result.verdict = Verdict::kInvalid;
    result.summary = fmt::format(
        "{} of {} reads stale ({:.2f}%), up to {} versions and {:.3f} ms behind; {} read values "
        "never written",
        t.stale, t.reads, rate * 100, t.max_versions, t.max_stale / 1e6, t.unwritten);
  } else if (!t.reads) {
    result.verdict = Verdict::kUnknown;
    result.summary = "no ok reads";
  } else {
    result.verdict = Verdict::kValid;
    result.summary = fmt::format("no stale reads among {} reads", t.reads);
  }
  return result;
}

}  // namespace rrt
