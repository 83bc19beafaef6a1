// kv: one string per key, as Redis GET / SET / APPEND. Integers are stored as their decimal
// text, as Redis does; a missing key reads as nil and APPEND to it starts from "".
#include <fmt/format.h>

#include "base/errors.h"
#include "check/model.h"

namespace rrt {

namespace {

// A value as Redis would hold it: nil stays nil, anything scalar becomes its text.
Value as_redis_string(const Value& v, int64_t index) {
  if (v.is_nil()) return v;
  if (v.kind == Value::Kind::kList) {
    throw UsageError(
        fmt::format("op {}: kv values must be strings or integers, got {}", index, to_string(v)));
  }
  return Value::of(value_text(v));
}

class KvModel : public Model {
 public:
  explicit KvModel(Value initial) : initial_(as_redis_string(initial, -1)) {}

  const char* name() const override { return "kv"; }
  Value initial() const override { return initial_; }

  bool compile(const History& history, const Call& call, ValueTable* values,
               StepOp* op) const override {
    const Op& invoke = history[call.invoke];
    const std::string& f = invoke.f;
    if (f == "get" || f == "read") {
      if (!call.ok()) return false;
      *op = {StepKind::kRead,
             values->intern(as_redis_string(call_result(history, call), invoke.index)), 0};
      return true;
    }
    if (f == "put" || f == "set" || f == "write") {
      *op = {StepKind::kWrite, values->intern(as_redis_string(invoke.value, invoke.index)), 0};
      return true;
    }
    if (f == "append") {
      *op = {StepKind::kAppend, values->intern(Value::of(value_text(invoke.value))), 0};
      return true;
    }
    throw UsageError(
        fmt::format("op {}: the kv model has no operation \"{}\" (expected get, put or append)",
                    invoke.index, f));
  }

 private:
  Value initial_;
};

}  // namespace

std::unique_ptr<Model> make_kv_model(const Value& initial) {
  return std::make_unique<KvModel>(initial);
}

}  // namespace rrt
