#include "check/independent_keys.h"

#include "check/value_table.h"

namespace rrt {

static bool is_pair(const Value& v) {
  return v.kind == Value::Kind::kList && v.items.size() == 2;
}

static bool looks_keyed(const Op& op) {
  if (op.f == "read" || op.f == "get" || op.value.is_nil() || !op.key.empty()) return true;
  if (!is_pair(op.value)) return false;
  if (op.f == "cas" || op.f == "compare-and-set") {
    return op.value.items[1].kind == Value::Kind::kList;
  }
  return true;
}

bool split_tuple_keys(History* history) {
  bool any = false;
  for (const Op& op : *history) {
    if (!looks_keyed(op)) return false;
    bool changes = op.f != "read" && op.f != "get";
    any |= changes && is_pair(op.value) && op.key.empty();
  }
  if (!any) return false;
  for (Op& op : *history) {
    if (!op.key.empty() || !is_pair(op.value)) continue;
    op.key = value_text(op.value.items[0]);
    Value v = std::move(op.value.items[1]);
    op.value = std::move(v);
  }
  return true;
}

}  // namespace rrt
