#include "base/duration.h"

#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <stdexcept>

#include "base/errors.h"

namespace rrt {

namespace {

std::string option_text(Nanos d) {
  if (d == 0) return "0s";
  if (d % kSeconds == 0) return fmt::format("{}s", d / kSeconds);
  if (d % kMillis == 0 && d < kSeconds) return fmt::format("{}ms", d / kMillis);
  if (d % kMillis == 0) return fmt::format("{}s", static_cast<double>(d / kMillis) / 1000.0);
  return fmt::format("{}ms", static_cast<double>(d) / kMillis);
}

std::string readable_text(Nanos d) {
  double ms = static_cast<double>(d) / kMillis;
  if (std::fabs(ms) >= 1000) return fmt::format("{:.2f} s", ms / 1000);
  if (std::fabs(ms) >= 1) return fmt::format("{:.0f} ms", ms);
  return fmt::format("{:.2f} ms", ms);
}

std::string rough_text(Nanos d) {
  double seconds = static_cast<double>(d) / kSeconds;
  if (seconds < 10) return fmt::format("{:.1f} s", seconds);
  if (seconds < 300) return fmt::format("{:.0f} s", seconds);
  return fmt::format("{:.0f} min", seconds / 60);
}

}  // namespace

std::string format_duration(Nanos d, DurationStyle style) {
  switch (style) {
    case DurationStyle::kOption:
      return option_text(d);
    case DurationStyle::kReadable:
      return readable_text(d);
    case DurationStyle::kMillis:
      return fmt::format("{} ms", d / kMillis);
    case DurationStyle::kOffset:
      return fmt::format("{}{} ms", d < 0 ? "-" : "+", (d < 0 ? -d : d) / kMillis);
    case DurationStyle::kMillisColumn:
      return fmt::format("{:.3f}", static_cast<double>(d) / kMillis);
    case DurationStyle::kRough:
      return rough_text(d);
  }
  return option_text(d);
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

}  // namespace rrt
