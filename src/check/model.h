// Sequential specifications for the linearizability checker.
//
// A model turns each call into a StepOp over interned values once, before the search; the
// search then runs step() on integers. Three models exist: register (read/write),
// cas-register (read/write/cas [expected new]) and kv (get/put/append on strings, as Redis
// GET/SET/APPEND). Keys are handled outside the model: every key is an independent object.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "check/calls.h"
#include "check/value_table.h"

namespace rrt {

enum class StepKind : uint8_t {
  kRead,    // legal iff state == a; state unchanged
  kWrite,   // state = a
  kCas,     // legal iff state == a; state = b
  kAppend,  // state = text(state) + text(a)
};

struct StepOp {
  StepKind kind = StepKind::kRead;
  StateId a = 0;
  StateId b = 0;
};

// Applies `op` to `state`. Returns false (and leaves *next alone) if `op` cannot take effect.
inline bool step(const StepOp& op, StateId state, ValueTable* values, StateId* next) {
  switch (op.kind) {
    case StepKind::kRead:
      if (state != op.a) return false;
      *next = state;
      return true;
    case StepKind::kWrite:
      *next = op.a;
      return true;
    case StepKind::kCas:
      if (state != op.a) return false;
      *next = op.b;
      return true;
    case StepKind::kAppend:
      *next = values->append(state, op.a);
      return true;
  }
  return false;
}

class Model {
 public:
  virtual ~Model() = default;
  virtual const char* name() const = 0;
  // Translates `call` into `*op`. Returns false when the call constrains nothing and can be
  // left out (a read whose result is unknown). Throws UsageError naming the op for an f the
  // model does not know or a malformed value.
  virtual bool compile(const History& history, const Call& call, ValueTable* values,
                       StepOp* op) const = 0;
  // The state every key starts in (nil unless --initial said otherwise).
  virtual Value initial() const = 0;
};

// "register", "cas-register" or "kv"; nullptr for any other name.
std::unique_ptr<Model> make_model(const std::string& name, const Value& initial);
std::unique_ptr<Model> make_register_model(bool with_cas, const Value& initial);
std::unique_ptr<Model> make_kv_model(const Value& initial);

}  // namespace rrt
