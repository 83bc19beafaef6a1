// Durations with units, and option readers that refuse what they do not know.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/option_reader.h"

namespace rrt {
namespace {

using ::testing::HasSubstr;

TEST(Durations, ParseWithUnits) {
  EXPECT_EQ(parse_duration("250ms"), 250 * kMillis);
  EXPECT_EQ(parse_duration("2s"), 2 * kSeconds);
  EXPECT_EQ(parse_duration("1.5s"), 1500 * kMillis);
  EXPECT_EQ(parse_duration("1m"), 60 * kSeconds);
  EXPECT_EQ(parse_duration("0s"), 0);
  for (const char* bad : {"5", "s", "", "5 s", "-1s", "2h", "1.2.3s", "ms5"}) {
    EXPECT_THROW(parse_duration(bad), UsageError) << bad;
  }
}

TEST(Durations, FormatReadsBack) {
  for (Nanos d : {Nanos{0}, 250 * kMillis, 2 * kSeconds, 1500 * kMillis, 90 * kSeconds}) {
    EXPECT_EQ(parse_duration(format_duration(d)), d) << format_duration(d);
  }
  EXPECT_EQ(format_duration(1500 * kMillis), "1.5s");
  EXPECT_EQ(format_duration(250 * kMillis), "250ms");
}

TEST(OptionReader, ReadsTypedValuesWithDefaults) {
  OptionReader o("workload x", {{"clients", 4}, {"rate", 2.5}, {"mode", "a"}, {"wait", "300ms"}});
  EXPECT_EQ(o.integer("clients", 1, 1, 10), 4);
  EXPECT_EQ(o.integer("keys", 7, 1, 10), 7);
  EXPECT_DOUBLE_EQ(o.number("rate", 0, 0, 10), 2.5);
  EXPECT_EQ(o.choice("mode", "b", {"a", "b"}), "a");
  EXPECT_EQ(o.duration("wait", 0), 300 * kMillis);
  EXPECT_NO_THROW(o.finish());
}

TEST(OptionReader, UnknownOptionNamesItselfAndTheKnownOnes) {
  OptionReader o("fault kill", {{"target", "master"}, {"restrat", false}});
  o.text("target", "master");
  o.boolean("restart", true);
  try {
    o.finish();
    FAIL() << "finish() accepted an unknown option";
  } catch (const OptionError& e) {
    EXPECT_EQ(e.key(), "restrat");
    EXPECT_THAT(e.what(),
                HasSubstr("fault kill: unknown option 'restrat' (known options: restart, target)"));
  }
}

TEST(OptionReader, BadValuesAreOptionErrors) {
  OptionReader o("workload x", {{"clients", 0}, {"mode", "c"}, {"wait", 5}, {"on", "yes"}});
  EXPECT_THROW(o.integer("clients", 1, 1, 10), OptionError);
  EXPECT_THROW(o.choice("mode", "a", {"a", "b"}), OptionError);
  EXPECT_THROW(o.duration("wait", 0), OptionError);
  EXPECT_THROW(o.boolean("on", false), OptionError);
  EXPECT_THROW(OptionReader("x", nlohmann::json::array()), UsageError);
}

}  // namespace
}  // namespace rrt
