// Known answers for the set and counter checkers.
#include <gtest/gtest.h>

#include "check/counter_checker.h"
#include "check/history_gen.h"
#include "check/set_checker.h"

namespace rrt {
namespace {

Value v(int64_t i) {
  return Value::of(i);
}
Value members(std::vector<int64_t> xs) {
  std::vector<Value> items;
  for (int64_t x : xs) items.push_back(v(x));
  return Value::list(std::move(items));
}

TEST(CheckSet, AllAcknowledgedAddsSurvive) {
  HistoryBuilder h;
  h.invoke(1, "add", v(1)).ok(1).invoke(2, "add", v(2)).info(2).invoke(3, "add", v(3)).fail(3);
  h.invoke(1, "read").ok(1, members({1, 2}));
  CheckResult r = check_set(h.history());
  EXPECT_EQ(r.verdict, Verdict::kValid) << r.summary;
  EXPECT_EQ(r.metrics["attempted"], 3);
  EXPECT_EQ(r.metrics["acknowledged"], 1);
  EXPECT_EQ(r.metrics["survivors"], 2);
  EXPECT_EQ(r.metrics["recovered"], 1);
  EXPECT_EQ(r.metrics["lost"], 0);
  EXPECT_DOUBLE_EQ(r.metrics["ack_rate"].get<double>(), 1.0 / 3);
}

TEST(CheckSet, LostAcknowledgedAddIsInvalid) {
  HistoryBuilder h;
  h.invoke(1, "add", v(1)).ok(1).invoke(1, "add", v(2)).ok(1).invoke(2, "read").ok(2, members({2}));
  CheckResult r = check_set(h.history());
  EXPECT_EQ(r.verdict, Verdict::kInvalid);
  EXPECT_EQ(r.metrics["lost"], 1);
  EXPECT_DOUBLE_EQ(r.metrics["loss_rate"].get<double>(), 0.5);
  ASSERT_EQ(r.evidence.size(), 2u);  // the lost add's ok, and the read
  EXPECT_EQ(r.evidence[0].value, v(1));
}

TEST(CheckSet, LostAddsAreCountedByTheNodeThatAcknowledgedThem) {
  HistoryBuilder h;
  h.invoke(1, "add", v(1)).ok(1).invoke(1, "add", v(2)).ok(1).invoke(1, "add", v(3)).ok(1);
  h.invoke(2, "read").ok(2, members({3}));
  History history = h.history();
  for (Op& op : history) op.node = op.value == v(3) ? "10.0.0.12:7001" : "10.0.0.11:7000";
  CheckResult r = check_set(history);
  EXPECT_EQ(r.metrics["lost"], 2);
  EXPECT_EQ(r.metrics["lost_by_node"], nlohmann::json({{"10.0.0.11:7000", 2}}));
  EXPECT_NE(r.summary.find("(acknowledged 2 by 10.0.0.11:7000)"), std::string::npos) << r.summary;
}

TEST(CheckSet, UnexpectedAndFailedElementsAreInvalid) {
  HistoryBuilder h;
  h.invoke(1, "add", v(1)).fail(1).invoke(2, "read").ok(2, members({1, 9}));
  CheckResult r = check_set(h.history());
  EXPECT_EQ(r.verdict, Verdict::kInvalid);
  EXPECT_EQ(r.metrics["unexpected"], 1);
  EXPECT_EQ(r.metrics["failed_but_present"], 1);
}

TEST(CheckSet, AddCompletingAfterTheReadBeganIsNotLost) {
  HistoryBuilder h;
  h.invoke(1, "add", v(1)).invoke(2, "read").ok(1).ok(2, members({}));
  CheckResult r = check_set(h.history());
  EXPECT_EQ(r.verdict, Verdict::kValid);
  EXPECT_EQ(r.metrics["unsettled"], 1);
}

TEST(CheckSet, NoFinalReadIsUnknown) {
  HistoryBuilder h;
  h.invoke(1, "add", v(1)).ok(1).invoke(2, "read").info(2);
  EXPECT_EQ(check_set(h.history()).verdict, Verdict::kUnknown);
}

TEST(CheckSet, KeysAreSeparateSets) {
  HistoryBuilder h;
  h.invoke(1, "add", v(1), "a").ok(1).invoke(1, "add", v(1), "b").ok(1);
  h.invoke(2, "read", Value::nil(), "a").ok(2, members({1}));
  h.invoke(2, "read", Value::nil(), "b").ok(2, members({}));
  EXPECT_EQ(check_set(h.history()).metrics["lost"], 1);
}

TEST(CheckCounter, ReadsWithinBoundsAreValid) {
  HistoryBuilder h;
  h.invoke(1, "incr", v(1)).ok(1).invoke(2, "incr", v(2)).invoke(3, "read").ok(3, v(3)).ok(2);
  h.invoke(3, "read").ok(3, v(3));
  CheckResult r = check_counter(h.history(), 0);
  EXPECT_EQ(r.verdict, Verdict::kValid) << r.summary;
  EXPECT_EQ(r.metrics["final_lower"], 3);
  EXPECT_EQ(r.metrics["final_upper"], 3);
  EXPECT_EQ(r.metrics["acknowledged"], 3);
}

TEST(CheckCounter, ConcurrentIncrementMayOrMayNotBeSeen) {
  for (int64_t seen : {1, 3}) {
    HistoryBuilder h;
    h.invoke(1, "incr", v(1)).ok(1).invoke(2, "incr", v(2)).invoke(3, "read").ok(3, v(seen)).ok(2);
    EXPECT_EQ(check_counter(h.history(), 0).verdict, Verdict::kValid) << seen;
  }
}

TEST(CheckCounter, InfoIncrementWidensTheUpperBoundOnly) {
  HistoryBuilder h;
  h.invoke(1, "incr", v(5)).info(1).invoke(2, "read").ok(2, v(5)).invoke(2, "read").ok(2, v(0));
  CheckResult r = check_counter(h.history(), 0);
  EXPECT_EQ(r.verdict, Verdict::kValid);  // bounds [0, 5] for both reads (no monotonicity)
  EXPECT_EQ(r.metrics["final_upper"], 5);
}

TEST(CheckCounter, LostIncrementsAreInvalid) {
  HistoryBuilder h;
  h.invoke(1, "incr").ok(1).invoke(1, "incr").ok(1).invoke(1, "incr").ok(1);
  h.invoke(2, "read").ok(2, v(1));
  CheckResult r = check_counter(h.history(), 0);
  EXPECT_EQ(r.verdict, Verdict::kInvalid);
  EXPECT_EQ(r.metrics["lost"], 2);
  EXPECT_EQ(r.metrics["bad_reads"], 1);
}

TEST(CheckCounter, ReadAboveEveryAttemptIsInvalid) {
  HistoryBuilder h;
  h.invoke(1, "add", v(2)).fail(1).invoke(2, "read").ok(2, v(2));
  CheckResult r = check_counter(h.history(), 0);
  EXPECT_EQ(r.verdict, Verdict::kInvalid);
  EXPECT_EQ(r.metrics["excess"], 2);
}

TEST(CheckCounter, InitialValueAndDecrements) {
  HistoryBuilder h;
  h.invoke(1, "decr", v(3)).ok(1).invoke(2, "read").ok(2, v(7));
  EXPECT_EQ(check_counter(h.history(), 10).verdict, Verdict::kValid);
  EXPECT_EQ(check_counter(h.history(), 0).verdict, Verdict::kInvalid);
}

TEST(CheckCounter, NoReadIsUnknown) {
  HistoryBuilder h;
  h.invoke(1, "incr").ok(1);
  EXPECT_EQ(check_counter(h.history(), 0).verdict, Verdict::kUnknown);
}

}  // namespace
}  // namespace rrt
