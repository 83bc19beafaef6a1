#include "check/history_gen.h"

#include <random>
#include <set>
#include <string_view>
#include <vector>

#include "base/errors.h"

namespace rrt {

HistoryBuilder& HistoryBuilder::invoke(int64_t process, const std::string& f, Value value,
                                       const std::string& key) {
  Op op;
  op.index = static_cast<int64_t>(history_.size());
  op.process = process;
  op.type = OpType::kInvoke;
  op.f = f;
  op.key = key;
  op.value = std::move(value);
  op.time = op.index * kMillis;
  pending_[process] = history_.size();
  history_.push_back(std::move(op));
  return *this;
}

HistoryBuilder& HistoryBuilder::complete(int64_t process, OpType type, const Value* value) {
  auto it = pending_.find(process);
  if (it == pending_.end()) throw UsageError("HistoryBuilder: no pending op for that process");
  Op op = history_[it->second];
  pending_.erase(it);
  op.index = static_cast<int64_t>(history_.size());
  op.type = type;
  if (value) op.value = *value;
  op.time = op.index * kMillis;
  history_.push_back(std::move(op));
  return *this;
}

HistoryBuilder& HistoryBuilder::ok(int64_t process) {
  return complete(process, OpType::kOk, nullptr);
}
HistoryBuilder& HistoryBuilder::ok(int64_t process, Value value) {
  return complete(process, OpType::kOk, &value);
}
HistoryBuilder& HistoryBuilder::fail(int64_t process) {
  return complete(process, OpType::kFail, nullptr);
}
HistoryBuilder& HistoryBuilder::info(int64_t process) {
  return complete(process, OpType::kInfo, nullptr);
}

namespace {

// One simulated client: idle, or with an op in flight that has or has not taken effect.
struct Client {
  int64_t process = 0;
  bool busy = false;
  bool applied = false;
  bool crashes = false;    // will complete with info
  bool duplicate = false;  // an append the faulty server applies again before answering
  size_t invoke = 0;       // position of its invocation
  Value result;
  OpType outcome = OpType::kOk;
};

class Simulation {
 public:
  explicit Simulation(const GenOptions& o) : o_(o), rng_(o.seed) {
    clients_.resize(o.processes);
    for (int p = 0; p < o.processes; ++p) clients_[p].process = p;
  }

  History run() {
    int64_t invoked = 0;
    size_t busy = 0;
    bool stalled = false;
    while (invoked < o_.ops || busy > 0) {
      // Drawn only when asked for, so histories of every other option stay as they were.
      if (o_.stall_rate > 0 && !stalled) stalled = chance(o_.stall_rate);
      if (stalled && (busy == clients_.size() || invoked == o_.ops)) stalled = false;
      Client& c = clients_[pick(clients_.size())];
      if (!c.busy) {
        if (invoked == o_.ops) continue;
        invoke(c);
        ++invoked;
        ++busy;
      } else if (stalled) {
        continue;  // the object answers nothing until every client waits on it
      } else if (!c.applied) {
        if (c.crashes && chance(0.3)) {  // crashed before it took effect: it never will
          complete(c);
          --busy;
        } else if (chance(0.5)) {
          apply(c);
        }
      } else if (chance(0.5)) {
        complete(c);
        --busy;
      }
    }
    return std::move(history_);
  }

 private:
  size_t pick(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  Value random_value() {
    if (o_.values > 0) return Value::of(static_cast<int64_t>(pick(o_.values)));
    return Value::of(++unique_);
  }

  void record(Client& c, OpType type, const std::string& f, const std::string& key, Value v) {
    Op op;
    op.index = static_cast<int64_t>(history_.size());
    op.process = c.process;
    op.type = type;
    op.f = f;
    op.key = key;
    op.value = std::move(v);
    op.time = op.index * 1000;
    history_.push_back(std::move(op));
  }

  void invoke(Client& c) {
    std::string key = o_.keys > 1 ? "k" + std::to_string(pick(o_.keys)) : "";
    std::string f;
    Value v;
    if (o_.model == "kv") {
      int k = static_cast<int>(pick(3));
      f = k == 0 ? "get" : k == 1 ? "put" : "append";
      if (k == 1) v = Value::of("p" + std::to_string(++unique_));
      if (k == 2) v = Value::of("a" + std::to_string(++unique_) + ",");
    } else {
      int r = static_cast<int>(pick(o_.model == "cas-register" ? 3 : 2));
      f = r == 0 ? "read" : r == 1 ? "write" : "cas";
      if (r == 1) v = random_value();
      if (r == 2) v = Value::list({random_value(), random_value()});
    }
    c.busy = true;
    c.applied = false;
    c.crashes = chance(o_.info_rate);
    c.outcome = OpType::kFail;
    c.invoke = history_.size();
    record(c, OpType::kInvoke, f, key, v);
  }

  // The op takes effect now, against the real object.
  void apply(Client& c) {
    const Op& inv = history_[c.invoke];
    Value& state = objects_[inv.key];
    c.applied = true;
    c.outcome = OpType::kOk;
    c.result = inv.value;
    bool writes = inv.f == "write" || inv.f == "put" || inv.f == "append" || inv.f == "cas";
    if (writes && !c.crashes && chance(o_.fail_rate)) {  // refused: no effect
      c.outcome = OpType::kFail;
      return;
    }
    if (inv.f == "read" || inv.f == "get") {
      c.result = state;
    } else if (inv.f == "write" || inv.f == "put") {
      state = inv.value;
    } else if (inv.f == "append") {
      state = Value::of((state.is_nil() ? "" : state.text) + inv.value.text);
      // Drawn only when asked for, so histories of every other option stay as they were.
      c.duplicate = o_.duplicate_rate > 0 && !c.crashes && chance(o_.duplicate_rate);
    } else if (state == inv.value.items[0]) {
      state = inv.value.items[1];
    } else {
      c.outcome = OpType::kFail;  // cas mismatch
    }
  }

  void complete(Client& c) {
    const Op inv = history_[c.invoke];
    if (c.duplicate) {
      Value& state = objects_[inv.key];
      state = Value::of((state.is_nil() ? "" : state.text) + inv.value.text);
      c.duplicate = false;
    }
    OpType type = c.crashes ? OpType::kInfo : c.outcome;
    record(c, type, inv.f, inv.key, type == OpType::kOk ? c.result : inv.value);
    c.busy = false;
    if (c.crashes) c.process += o_.processes;
  }

  GenOptions o_;
  std::mt19937_64 rng_;
  std::vector<Client> clients_;
  std::map<std::string, Value> objects_;
  History history_;
  int64_t unique_ = 0;
};

}  // namespace

History generate_history(const GenOptions& options) {
  return Simulation(options).run();
}

bool reads_an_append_twice(const History& history) {
  for (const Op& op : history) {
    if (op.type != OpType::kOk || op.f != "get" || op.value.kind != Value::Kind::kString) continue;
    std::set<std::string_view> seen;
    std::string_view text = op.value.text;
    for (size_t a = text.find('a'); a != std::string_view::npos; a = text.find('a', a + 1)) {
      size_t comma = text.find(',', a);
      if (comma != std::string_view::npos && !seen.insert(text.substr(a, comma - a)).second) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace rrt
