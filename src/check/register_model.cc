// register and cas-register: a single value compared by equality (nil, integer, string, list).
#include <fmt/format.h>

#include "base/errors.h"
#include "check/model.h"

namespace rrt {

namespace {

bool is_read(const std::string& f) {
  return f == "read" || f == "get";
}
bool is_write(const std::string& f) {
  return f == "write" || f == "put" || f == "set";
}
bool is_cas(const std::string& f) {
  return f == "cas" || f == "compare-and-set";
}

class RegisterModel : public Model {
 public:
  RegisterModel(bool with_cas, Value initial) : with_cas_(with_cas), initial_(std::move(initial)) {}

  const char* name() const override { return with_cas_ ? "cas-register" : "register"; }
  Value initial() const override { return initial_; }

  bool compile(const History& history, const Call& call, ValueTable* values,
               StepOp* op) const override {
    const Op& invoke = history[call.invoke];
    if (is_read(invoke.f)) {
      if (!call.ok()) return false;  // an unknown result constrains nothing
      *op = {StepKind::kRead, values->intern(call_result(history, call)), 0};
      return true;
    }
    if (is_write(invoke.f)) {
      *op = {StepKind::kWrite, values->intern(invoke.value), 0};
      return true;
    }
    if (with_cas_ && is_cas(invoke.f)) {
      const Value& v = invoke.value;
      if (v.kind != Value::Kind::kList || v.items.size() != 2) {
        throw UsageError(fmt::format("op {}: cas needs a value [expected new], got {}",
                                     invoke.index, to_string(v)));
      }
      *op = {StepKind::kCas, values->intern(v.items[0]), values->intern(v.items[1])};
      return true;
    }
    throw UsageError(fmt::format("op {}: the {} model has no operation \"{}\" (expected {})",
                                 invoke.index, name(), invoke.f,
                                 with_cas_ ? "read, write or cas" : "read or write"));
  }

 private:
  bool with_cas_;
  Value initial_;
};

}  // namespace

std::unique_ptr<Model> make_register_model(bool with_cas, const Value& initial) {
  return std::make_unique<RegisterModel>(with_cas, initial);
}

}  // namespace rrt
