// The table of checkers, by name. The scenario runner calls run_checks with the names its
// workload implies; `rrt check` calls run_check with the one the user chose.
//
// Names: checkers() lists them, each with a line for help texts (checker_names() joins them).
//
// Options (JSON object; a member named after a checker, holding an object, overrides the
// top-level members for that checker):
//   "initial":          the register / kv initial value, or the counter's (default nil / 0)
//   "time_limit_s":     linearizability budget in seconds (default 60; 0 for none)
//   "memory_limit_mb":  linearizability memo budget (default 2048; 0 for none)
//   "threads":          parallel key searches (default: hardware threads)
//   "all_keys":         search every key even after one is found invalid (default false)
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "check/check_result.h"
#include "history/event.h"
#include "history/op.h"

namespace rrt {

using CheckerFn = CheckResult (*)(const History& history, const Events& events,
                                  const nlohmann::json& options);

struct CheckerInfo {
  const char* name;
  CheckerFn fn;
  const char* what;  // one line for help texts
};

const std::vector<CheckerInfo>& checkers();
// nullptr if no checker has that name.
const CheckerInfo* find_checker(const std::string& name);
// "register, cas-register, kv, set, counter, stale-reads".
std::string checker_names();

// Runs one checker. Throws UsageError for an unknown name, bad options, or a history the checker
// cannot interpret (e.g. an op the model does not know), naming the op.
CheckResult run_check(const std::string& name, const History& history, const Events& events,
                      const nlohmann::json& options);

// Runs each named checker, in order. A checker that cannot interpret the history yields an
// unknown verdict whose summary says why, so the other results are kept. Throws UsageError for
// an unknown name.
std::vector<CheckResult> run_checks(const std::vector<std::string>& names, const History& history,
                                    const Events& events, const nlohmann::json& options);

// A JSON value as a history Value: null, integers, strings and arrays of those. Throws
// UsageError otherwise.
Value value_from_json(const nlohmann::json& j);

}  // namespace rrt
