// The one duration formatter: each style's text, as reports, audits and options print it.
#include <gtest/gtest.h>

#include "base/duration.h"

namespace rrt {
namespace {

TEST(FormatDuration, OptionStyleReadsBack) {
  EXPECT_EQ(format_duration(0), "0s");
  EXPECT_EQ(format_duration(250 * kMillis), "250ms");
  EXPECT_EQ(format_duration(3 * kSeconds), "3s");
  EXPECT_EQ(format_duration(1500 * kMillis), "1.5s");
  EXPECT_EQ(parse_duration(format_duration(1234567)), 1234567);
}

TEST(FormatDuration, ReadableStyle) {
  EXPECT_EQ(format_duration(3420 * kMillis, DurationStyle::kReadable), "3.42 s");
  EXPECT_EQ(format_duration(412 * kMillis, DurationStyle::kReadable), "412 ms");
  EXPECT_EQ(format_duration(350'000, DurationStyle::kReadable), "0.35 ms");
  EXPECT_EQ(format_duration(-2 * kSeconds, DurationStyle::kReadable), "-2.00 s");
}

TEST(FormatDuration, MillisecondStyles) {
  EXPECT_EQ(format_duration(1234 * kMillis + 999'999, DurationStyle::kMillis), "1234 ms");
  EXPECT_EQ(format_duration(1234 * kMillis, DurationStyle::kOffset), "+1234 ms");
  EXPECT_EQ(format_duration(-5 * kMillis, DurationStyle::kOffset), "-5 ms");
  EXPECT_EQ(format_duration(0, DurationStyle::kOffset), "+0 ms");
  EXPECT_EQ(format_duration(1'234'567, DurationStyle::kMillisColumn), "1.235");
}

TEST(FormatDuration, RoughStyle) {
  EXPECT_EQ(format_duration(4500 * kMillis, DurationStyle::kRough), "4.5 s");
  EXPECT_EQ(format_duration(42 * kSeconds, DurationStyle::kRough), "42 s");
  EXPECT_EQ(format_duration(420 * kSeconds, DurationStyle::kRough), "7 min");
}

}  // namespace
}  // namespace rrt
