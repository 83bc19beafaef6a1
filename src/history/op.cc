#include "history/op.h"

namespace rrt {

const char* op_type_name(OpType type) {
  switch (type) {
    case OpType::kInvoke:
      return "invoke";
    case OpType::kOk:
      return "ok";
    case OpType::kFail:
      return "fail";
    case OpType::kInfo:
      return "info";
  }
  return "?";
}

bool parse_op_type(const std::string& text, OpType* type) {
  static const OpType kAll[] = {OpType::kInvoke, OpType::kOk, OpType::kFail, OpType::kInfo};
  for (OpType t : kAll) {
    if (text == op_type_name(t)) {
      *type = t;
      return true;
    }
  }
  return false;
}

std::string to_string(const Value& value) {
  switch (value.kind) {
    case Value::Kind::kNil:
      return "nil";
    case Value::Kind::kInt:
      return std::to_string(value.integer);
    case Value::Kind::kString:
      return "\"" + value.text + "\"";
    case Value::Kind::kList: {
      std::string out = "[";
      for (size_t i = 0; i < value.items.size(); ++i) {
        if (i) out += ' ';
        out += to_string(value.items[i]);
      }
      return out + "]";
    }
  }
  return "?";
}

}  // namespace rrt
