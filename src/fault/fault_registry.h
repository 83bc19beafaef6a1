// make_fault: the table of fault verbs usable in scenarios.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "fault/fault.h"

namespace rrt {

struct FaultVerb {
  const char* verb;  // as written in scenarios
  // The option a scalar stands for in a scenario (`kill: master` is `kill: {target: master}`).
  const char* main_arg;
  const char* args;  // its options, for help texts and docs
  const char* what;  // one line
  std::unique_ptr<Fault> (*make)(const nlohmann::json& args);
};

const std::vector<FaultVerb>& fault_verbs();
// "kill, shutdown, pause, ...".
std::string fault_verb_names();
// nullptr if `verb` is not a fault verb.
const FaultVerb* find_fault_verb(const std::string& verb);

// Creates the fault for `verb` with its scenario arguments (e.g. {"target": "master"}).
// Throws UsageError naming an unknown verb (listing the known ones), or OptionError (a
// UsageError naming the option) for a bad or unknown argument.
std::unique_ptr<Fault> make_fault(const std::string& verb, const nlohmann::json& args);

}  // namespace rrt
