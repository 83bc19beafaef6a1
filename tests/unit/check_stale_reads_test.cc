// Known answers for the stale-read checker.
#include <gtest/gtest.h>

#include "check/history_gen.h"
#include "check/stale_reads_checker.h"

namespace rrt {
namespace {

Value v(int64_t i) {
  return Value::of(i);
}

TEST(CheckStaleReads, FreshReadsAreValid) {
  HistoryBuilder h;
  h.invoke(1, "write", v(1), "k").ok(1).invoke(2, "read", Value::nil(), "k").ok(2, v(1));
  h.invoke(1, "write", v(2), "k").invoke(2, "read", Value::nil(), "k").ok(2, v(1)).ok(1);
  CheckResult r = check_stale_reads(h.history());
  EXPECT_EQ(r.verdict, Verdict::kValid) << r.summary;  // the second read overlaps write 2
  EXPECT_EQ(r.metrics["reads"], 2);
  EXPECT_EQ(r.metrics["stale_reads"], 0);
}

TEST(CheckStaleReads, CountsVersionsAndMilliseconds) {
  HistoryBuilder h;                                                // records are 1 ms apart
  h.invoke(1, "write", v(1), "k").ok(1);                           // 0, 1
  h.invoke(1, "write", v(2), "k").ok(1);                           // 2, 3
  h.invoke(1, "write", v(3), "k").ok(1);                           // 4, 5
  h.invoke(2, "read", Value::nil(), "k").ok(2, v(1));              // 6, 7: 2 versions behind
  h.invoke(2, "read", Value::nil(), "other").ok(2, Value::nil());  // other key: fresh
  CheckResult r = check_stale_reads(h.history());
  EXPECT_EQ(r.verdict, Verdict::kInvalid);
  EXPECT_EQ(r.metrics["reads"], 2);
  EXPECT_EQ(r.metrics["stale_reads"], 1);
  EXPECT_DOUBLE_EQ(r.metrics["stale_rate"].get<double>(), 0.5);
  EXPECT_EQ(r.metrics["max_stale_versions"], 2);
  // Write 2 completed at 3 ms, the read began at 6 ms: its value had been stale for 3 ms.
  EXPECT_DOUBLE_EQ(r.metrics["max_stale_ms"].get<double>(), 3.0);
  ASSERT_EQ(r.evidence.size(), 1u);
}

TEST(CheckStaleReads, NilAfterACompletedWriteIsStale) {
  HistoryBuilder h;
  h.invoke(1, "write", v(1)).ok(1).invoke(2, "read").ok(2, Value::nil());
  EXPECT_EQ(check_stale_reads(h.history()).metrics["stale_reads"], 1);
}

TEST(CheckStaleReads, InfoAndFailedWritesDoNotMakeReadsStale) {
  HistoryBuilder h;
  h.invoke(1, "write", v(1)).info(1).invoke(3, "write", v(2)).fail(3);
  h.invoke(2, "read").ok(2, Value::nil());
  EXPECT_EQ(check_stale_reads(h.history()).verdict, Verdict::kValid);
}

TEST(CheckStaleReads, ValueNeverWrittenIsInvalid) {
  HistoryBuilder h;
  h.invoke(1, "write", v(1)).ok(1).invoke(2, "read").ok(2, v(99));
  CheckResult r = check_stale_reads(h.history());
  EXPECT_EQ(r.verdict, Verdict::kInvalid);
  EXPECT_EQ(r.metrics["unwritten_reads"], 1);
}

TEST(CheckStaleReads, NoReadsIsUnknown) {
  HistoryBuilder h;
  h.invoke(1, "write", v(1)).ok(1);
  EXPECT_EQ(check_stale_reads(h.history()).verdict, Verdict::kUnknown);
}

}  // namespace
}  // namespace rrt
