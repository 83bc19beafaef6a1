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

Nanos parse_duration(const std::string& text) {
  auto fail = [&] {
    throw UsageError(
        fmt::format("'{}' is not a duration: write it with a unit, e.g. 500ms, 2s, "
                    "1.5s or 1m",
                    text));
  };
  size_t digits = 0;
  while (digits < text.size() &&
         (std::isdigit(static_cast<unsigned char>(text[digits])) || text[digits] == '.')) {
    ++digits;
  }
  if (digits == 0 || digits == text.size()) fail();
  double amount = 0;
  try {
    size_t used = 0;
    amount = std::stod(text.substr(0, digits), &used);
    if (used != digits) fail();
  } catch (const std::logic_error&) {
    fail();
  }
  std::string unit = text.substr(digits);
  double scale = unit == "ms"  ? kMillis
                 : unit == "s" ? kSeconds
                 : unit == "m" ? 60.0 * kSeconds
                               : 0;
  if (scale == 0 || !std::isfinite(amount) || amount * scale > 1e18) fail();
  return static_cast<Nanos>(std::llround(amount * scale));
}

std::string format_duration(Nanos d) {
  if (d == 0) return "0s";
  if (d % kSeconds == 0) return fmt::format("{}s", d / kSeconds);
  if (d % kMillis == 0 && d < kSeconds) return fmt::format("{}ms", d / kMillis);
  if (d % kMillis == 0) return fmt::format("{}s", static_cast<double>(d / kMillis) / 1000.0);
  return fmt::format("{}ms", static_cast<double>(d) / kMillis);
}

}  // namespace rrt
