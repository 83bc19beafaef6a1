// How rrt reads and writes durations. Every text that shows a duration picks one of the styles
// here instead of formatting nanoseconds by hand.
#pragma once

#include <string>

#include "base/clock.h"

namespace rrt {

enum class DurationStyle {
  kOption,        // "250ms", "1.5s", "3s", "0s": the shortest text parse_duration reads back
  kReadable,      // "3.42 s" (>= 1 s), "412 ms" (>= 1 ms), "0.25 ms": reports and summaries
  kMillis,        // "1234 ms": whole milliseconds, truncated
  kOffset,        // "+1234 ms", "-5 ms": whole milliseconds from a reference point
  kMillisColumn,  // "1234.567": milliseconds with 3 decimals and no unit, for table columns
  kRough,         // "4.5 s" (< 10 s), "42 s" (< 5 min), "7 min": advice, where precision misleads
};

std::string format_duration(Nanos d, DurationStyle style = DurationStyle::kOption);

// "250ms", "2s", "1.5s", "1m" -> nanoseconds. Throws UsageError for anything else (a bare
// number has no unit: which one was meant is a guess we refuse to make).
Nanos parse_duration(const std::string& text);

}  // namespace rrt
