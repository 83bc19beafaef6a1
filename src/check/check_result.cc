#include "check/check_result.h"

#include "base/errors.h"

namespace rrt {

const char* verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::kValid:
      return "valid";
    case Verdict::kInvalid:
      return "invalid";
    case Verdict::kUnknown:
      return "unknown";
  }
  return "unknown";
}

nlohmann::json value_to_json(const Value& value) {
  switch (value.kind) {
    case Value::Kind::kNil:
      return nullptr;
    case Value::Kind::kInt:
      return value.integer;
    case Value::Kind::kString:
      return value.text;
    case Value::Kind::kList: {
      nlohmann::json items = nlohmann::json::array();
      for (const Value& item : value.items) items.push_back(value_to_json(item));
      return items;
    }
  }
  return nullptr;
}

nlohmann::json op_to_json(const Op& op) {
  nlohmann::json j = {{"index", op.index},
                      {"process", op.process},
                      {"type", op_type_name(op.type)},
                      {"f", op.f},
                      {"value", value_to_json(op.value)},
                      {"time", op.time}};
  if (!op.key.empty()) j["key"] = op.key;
  if (!op.node.empty()) j["node"] = op.node;
  if (!op.error.empty()) j["error"] = op.error;
  return j;
}

nlohmann::json to_json(const CheckResult& result) {
  nlohmann::json j = {{"name", result.name}, {"verdict", verdict_name(result.verdict)}};
  for (const auto& [key, value] : result.metrics.items()) {
    if (!j.contains(key)) j[key] = value;
  }
  j["summary"] = result.summary;
  nlohmann::json evidence = nlohmann::json::array();
  for (const Op& op : result.evidence) evidence.push_back(op_to_json(op));
  j["evidence"] = std::move(evidence);
  if (!result.detail.is_null()) j["counterexample"] = result.detail;
  if (!result.explanation.empty()) j["explanation"] = result.explanation;  // for reports
  return j;
}

int exit_code_for(const std::vector<CheckResult>& results) {
  bool unknown = false;
  for (const CheckResult& r : results) {
    if (r.verdict == Verdict::kInvalid) return kExitAnomaly;
    if (r.verdict == Verdict::kUnknown) unknown = true;
  }
  return unknown ? kExitUnknown : kExitOk;
}

}  // namespace rrt
