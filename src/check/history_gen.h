// Histories made on purpose: a builder for hand-written ones (tests, docs) and a generator of
// random ones from real concurrent executions (randomized tests, benchmarks).
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "history/op.h"

namespace rrt {

// Writes a history record by record; positions and times (1 ms apart) are assigned in order.
//   HistoryBuilder h;
//   h.invoke(1, "write", Value::of(1)).invoke(2, "read").ok(1).ok(2, Value::of(1));
class HistoryBuilder {
 public:
  HistoryBuilder& invoke(int64_t process, const std::string& f, Value value = Value::nil(),
                         const std::string& key = "");
  // Completes `process`'s pending op with its invocation's value (a write's argument).
  HistoryBuilder& ok(int64_t process);
  // Completes it with `value` (a read's result).
  HistoryBuilder& ok(int64_t process, Value value);
  HistoryBuilder& fail(int64_t process);
  HistoryBuilder& info(int64_t process);
  const History& history() const { return history_; }

 private:
  HistoryBuilder& complete(int64_t process, OpType type, const Value* value);
  History history_;
  std::map<int64_t, size_t> pending_;  // process -> position of its invocation
};

struct GenOptions {
  std::string model = "cas-register";  // register | cas-register | kv
  int processes = 5;
  int64_t ops = 100;     // invocations
  int keys = 1;          // keys "k0".."k<n-1>"; one key means no key at all
  double info_rate = 0;  // share of ops whose process crashes: info, applied or not
  double fail_rate = 0;  // share of writes that fail without effect
  int values = 0;        // register values drawn from [0, values); 0: every write unique
  // kv only: share of appends a faulty server applies twice, the second time just before it
  // answers (a retried request it failed to recognise). Puts write "p<n>" and appends "a<n>,"
  // with n unique, so a read holding some "a<n>," twice proves the history not linearizable.
  double duplicate_rate = 0;
  // Chance per simulation step that the object stalls (a failover): nothing takes effect or
  // completes until every client waits on it; then the piled-up ops take effect in random order.
  double stall_rate = 0;
  uint64_t seed = 1;
};

// A history of a real execution: each op takes effect at one moment between its invocation and
// completion (crashed ops: at some moment, or never), on a real sequential object per key, so it
// is linearizable by construction. A cas whose expected value does not match fails. A crashed
// process is replaced by a new one (process + processes), as Jepsen does. Deterministic in seed.
// With duplicate_rate > 0 the object is faulty (see GenOptions) and the history may not be
// linearizable.
History generate_history(const GenOptions& options);

// Whether an ok get of a generated kv history returns some append's text "a<n>," twice: then
// the object applied an append twice (GenOptions::duplicate_rate) and the history is proven not
// linearizable, since every append's text is unique and puts write "p<n>".
bool reads_an_append_twice(const History& history);

}  // namespace rrt
