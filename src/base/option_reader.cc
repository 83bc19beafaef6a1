#include "base/option_reader.h"

#include <fmt/format.h>

#include <cctype>
#include <cmath>

namespace rrt {

OptionReader::OptionReader(std::string what, const nlohmann::json& options)
    : what_(std::move(what)), options_(options.is_null() ? nlohmann::json::object() : options) {
  if (!options_.is_object()) {
    throw UsageError(
        fmt::format("{}: options must be a map of name: value, got {}", what_, options_.dump()));
  }
}

void OptionReader::bad(const std::string& name, const std::string& expected) const {
  throw OptionError(name, fmt::format("{}: option '{}' is {}: expected {}", what_, name,
                                      options_[name].dump(), expected));
}

int OptionReader::integer(const std::string& name, int fallback, int lo, int hi) {
  asked_.insert(name);
  if (!has(name)) return fallback;
  const auto& v = options_[name];
  if (!v.is_number_integer() || v.get<long long>() < lo || v.get<long long>() > hi) {
    bad(name, fmt::format("an integer from {} to {}", lo, hi));
  }
  return v.get<int>();
}

double OptionReader::number(const std::string& name, double fallback, double lo, double hi) {
  asked_.insert(name);
  if (!has(name)) return fallback;
  const auto& v = options_[name];
  if (!v.is_number() || v.get<double>() < lo || v.get<double>() > hi) {
    bad(name, fmt::format("a number from {} to {}", lo, hi));
  }
  return v.get<double>();
}

bool OptionReader::boolean(const std::string& name, bool fallback) {
  asked_.insert(name);
  if (!has(name)) return fallback;
  if (!options_[name].is_boolean()) bad(name, "true or false");
  return options_[name].get<bool>();
}

std::string OptionReader::text(const std::string& name, const std::string& fallback) {
  asked_.insert(name);
  if (!has(name)) return fallback;
  const auto& v = options_[name];
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  bad(name, "a string");
}

std::string OptionReader::choice(const std::string& name, const std::string& fallback,
                                 const std::vector<std::string>& allowed) {
  std::string v = text(name, fallback);
  for (const auto& a : allowed) {
    if (a == v) return v;
  }
  bad(name, "one of " + fmt::format("{}", fmt::join(allowed, ", ")));
}

Nanos OptionReader::duration(const std::string& name, Nanos fallback) {
  asked_.insert(name);
  if (!has(name)) return fallback;
  if (!options_[name].is_string()) bad(name, "a duration with a unit, e.g. 500ms or 2s");
  try {
    return parse_duration(options_[name].get<std::string>());
  } catch (const UsageError&) {
    bad(name, "a duration with a unit, e.g. 500ms or 2s");
  }
}

nlohmann::json OptionReader::raw(const std::string& name) {
  asked_.insert(name);
  return has(name) ? options_[name] : nlohmann::json();
}

void OptionReader::finish() const {
  for (const auto& [key, value] : options_.items()) {
    if (asked_.count(key)) continue;
    std::string known = asked_.empty() ? "none" : fmt::format("{}", fmt::join(asked_, ", "));
    throw OptionError(
        key, fmt::format("{}: unknown option '{}' (known options: {})", what_, key, known));
  }
}

}  // namespace rrt
