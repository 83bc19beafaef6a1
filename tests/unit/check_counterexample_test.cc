// Counterexamples: the failing op, the longest linearizable prefix and its states, and the
// smallest window, as JSON and as text.
#include <gtest/gtest.h>

#include "check/failure_window.h"
#include "check/history_gen.h"
#include "check/linearizability.h"

namespace rrt {
namespace {

Value v(int64_t i) {
  return Value::of(i);
}

CheckResult check(const HistoryBuilder& h, const std::string& model = "register") {
  return check_linearizability(h.history(), *make_model(model, Value::nil()), {});
}

std::vector<std::string> window_texts(const CheckResult& r) {
  std::vector<std::string> out;
  for (const auto& op : r.detail["window"]) out.push_back(op["text"].get<std::string>());
  return out;
}

TEST(CheckCounterexample, StaleReadWindowIsTheOverwriteAndTheRead) {
  HistoryBuilder h;
  h.invoke(1, "write", v(1)).ok(1).invoke(1, "write", v(2)).ok(1).invoke(2, "read").ok(2, v(1));
  CheckResult r = check(h);
  ASSERT_EQ(r.verdict, Verdict::kInvalid);
  EXPECT_EQ(r.detail["failed_op"]["text"], "read -> 1");
  EXPECT_EQ(r.detail["failed_op"]["process"], 2);
  EXPECT_EQ(r.detail["prefix_ops"], 2);
  EXPECT_EQ(r.detail["states"], nlohmann::json::array({2}));
  EXPECT_EQ(window_texts(r), (std::vector<std::string>{"write 2", "read -> 1"}));
  EXPECT_TRUE(r.detail["window_minimal"].get<bool>());
  // Evidence: the window's records, invocations and completions.
  EXPECT_EQ(r.evidence.size(), 4u);
  EXPECT_NE(r.explanation.find("cannot be linearized"), std::string::npos);
  EXPECT_NE(r.explanation.find("smallest window"), std::string::npos);
}

TEST(CheckCounterexample, WindowStartsLateInALongValidPrefix) {
  HistoryBuilder h;
  for (int i = 1; i <= 50; ++i) h.invoke(1, "write", v(i)).ok(1).invoke(2, "read").ok(2, v(i));
  h.invoke(3, "read").ok(3, v(7));  // long overwritten
  CheckResult r = check(h);
  ASSERT_EQ(r.verdict, Verdict::kInvalid);
  EXPECT_EQ(r.detail["prefix_ops"], 100);
  EXPECT_EQ(r.detail["linearized"], 100);
  EXPECT_EQ(r.detail["last_linearized"].size(), 20u);
  // 7 could still be current where the last read opens a window of its own, but not after
  // another read saw 50.
  EXPECT_EQ(window_texts(r), (std::vector<std::string>{"read -> 50", "read -> 7"}));
}

TEST(CheckCounterexample, SeveralStatesAtTheFailurePoint) {
  HistoryBuilder h;  // concurrent writes leave 1 or 2; then a read of 3
  h.invoke(1, "write", v(1)).invoke(2, "write", v(2)).ok(1).ok(2).invoke(3, "read").ok(3, v(3));
  CheckResult r = check(h);
  ASSERT_EQ(r.verdict, Verdict::kInvalid);
  EXPECT_EQ(r.detail["states"].size(), 2u);
}

TEST(CheckCounterexample, WindowOfAnInfoWriteReadBack) {
  HistoryBuilder h;  // 1 is read, then nil: the info write cannot be undone
  h.invoke(1, "write", v(1))
      .info(1)
      .invoke(2, "read")
      .ok(2, v(1))
      .invoke(2, "read")
      .ok(2, Value::nil());
  CheckResult r = check(h);
  ASSERT_EQ(r.verdict, Verdict::kInvalid);
  EXPECT_EQ(r.detail["failed_op"]["text"], "read -> nil");
  EXPECT_EQ(window_texts(r),
            (std::vector<std::string>{"write 1 (info)", "read -> 1", "read -> nil"}));
}

TEST(CheckCounterexample, WindowProblemMakesSpanningOpsOptional) {
  SearchProblem p;
  // op0 [0, 3], op1 [1, 2], op2 [4, 5] (positions).
  p.ops = {{{StepKind::kWrite, 1, 0}, true, 0, 3, 0},
           {{StepKind::kWrite, 2, 0}, true, 1, 2, 1},
           {{StepKind::kRead, 1, 0}, true, 4, 5, 2}};
  SearchProblem w = window_problem(p, 1, 5);
  ASSERT_EQ(w.ops.size(), 3u);
  EXPECT_FALSE(w.ops[0].required);  // spans the cut
  EXPECT_TRUE(w.ops[1].required);
  EXPECT_TRUE(w.ops[2].required);
  w = window_problem(p, 4, 5);
  ASSERT_EQ(w.ops.size(), 1u);  // op0 and op1 completed before the cut
}

TEST(CheckCounterexample, PossibleStatesCollapseValuesTheWindowNeverNames) {
  ValueTable values;
  StateId nil = values.intern(Value::nil()), one = values.intern(v(1)), two = values.intern(v(2)),
          three = values.intern(v(3));
  SearchProblem p;
  p.initial = nil;
  p.ops = {{{StepKind::kWrite, one, 0}, true, 0, 1, 0},
           {{StepKind::kWrite, two, 0}, true, 2, 3, 1},
           {{StepKind::kRead, three, 0}, true, 4, 5, 2}};
  // At cut 4 the register holds nil, 1 or 2; the window (the read of 3) names none of them.
  EXPECT_EQ(possible_states(p, 4, 5, &values).size(), 1u);
  EXPECT_EQ(possible_states(p, 0, 5, &values), std::vector<StateId>{nil});
}

}  // namespace
}  // namespace rrt
