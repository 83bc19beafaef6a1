// What a checker returns: a verdict a user can trust, numbers, and the operations that prove it.
//
// A checker is a pure function of (history, events, options) -> CheckResult (see registry.h).
// It never guesses: when it cannot decide (budget exhausted, nothing to check), the verdict is
// kUnknown and the summary says why.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "history/op.h"

namespace rrt {

enum class Verdict { kValid, kInvalid, kUnknown };

// "valid" | "invalid" | "unknown".
const char* verdict_name(Verdict verdict);

struct CheckResult {
  std::string name;  // checker name, e.g. "cas-register"
  Verdict verdict = Verdict::kUnknown;
  nlohmann::json metrics = nlohmann::json::object();  // flat numbers and strings
  std::vector<Op> evidence;                           // the ops that prove the anomaly
  std::string summary;                                // one line for people
  // Extra structured detail, e.g. a linearizability counterexample; null when there is none.
  nlohmann::json detail;
  // Multi-line text for a terminal (e.g. the counterexample drawn as a timeline); may be empty.
  std::string explanation;
};

// {"name", "verdict", <metrics flattened in>, "summary", "evidence": [ops], "counterexample"?,
// "explanation"?}.
nlohmann::json to_json(const CheckResult& result);

// One op as JSON, with the fields of the history format (docs/history.md).
nlohmann::json op_to_json(const Op& op);
nlohmann::json value_to_json(const Value& value);

// The exit code a set of results maps to: any invalid -> 1, else any unknown -> 4, else 0.
int exit_code_for(const std::vector<CheckResult>& results);

}  // namespace rrt
