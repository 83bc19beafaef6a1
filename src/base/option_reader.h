// Typed access to the options of one workload or fault, as a scenario file gives them (a JSON
// object), with errors that name the option and what was expected.
//
// Every option a reader hands out is marked as used; finish() then rejects the rest, so a typo
// ("clinets: 10") is an error instead of a silently ignored setting. Shared by the workload and
// fault registries; the scenario loader turns OptionError::key() into a file:line:column.
#pragma once

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/duration.h"
#include "base/errors.h"

namespace rrt {

// A bad or unknown option. key() is the option's name, for pointing at it in the file.
class OptionError : public UsageError {
 public:
  OptionError(const std::string& key, const std::string& message)
      : UsageError(message), key_(key) {}
  const std::string& key() const { return key_; }

 private:
  std::string key_;
};

class OptionReader {
 public:
  // `what` names the owner in messages, e.g. "workload counter" or "fault kill".
  // Throws UsageError if `options` is neither an object nor null.
  OptionReader(std::string what, const nlohmann::json& options);

  bool has(const std::string& name) const { return options_.contains(name); }
  int integer(const std::string& name, int fallback, int lo, int hi);
  double number(const std::string& name, double fallback, double lo, double hi);
  bool boolean(const std::string& name, bool fallback);
  std::string text(const std::string& name, const std::string& fallback);
  // One of `allowed`.
  std::string choice(const std::string& name, const std::string& fallback,
                     const std::vector<std::string>& allowed);
  // A duration written with a unit ("500ms", "2s"); see parse_duration.
  Nanos duration(const std::string& name, Nanos fallback);
  // The raw JSON of an option (null if absent), marked as used.
  nlohmann::json raw(const std::string& name);

  // Throws OptionError for the first option nobody asked for, listing the known ones.
  void finish() const;

 private:
  [[noreturn]] void bad(const std::string& name, const std::string& expected) const;

  std::string what_;
  nlohmann::json options_;
  std::set<std::string> asked_;  // every name asked for, present or not: the known options
};

}  // namespace rrt
