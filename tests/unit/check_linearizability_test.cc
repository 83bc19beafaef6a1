// Known answers for the linearizability checker: small hand-written histories, valid and
// invalid, each with the reason, and the corner cases (concurrency, info and fail ops, crashed
// processes, histories without ok ops).
#include <gtest/gtest.h>

#include "base/errors.h"
#include "check/history_gen.h"
#include "check/linearizability.h"

namespace rrt {
namespace {

Value v(int64_t i) {
  return Value::of(i);
}
Value s(const char* t) {
  return Value::of(std::string(t));
}
Value pair(int64_t a, int64_t b) {
  return Value::list({v(a), v(b)});
}

CheckResult check(const HistoryBuilder& h, const std::string& model = "register",
                  Value initial = Value::nil()) {
  LinearizabilityOptions options;
  options.time_limit_s = 10;
  return check_linearizability(h.history(), *make_model(model, initial), options);
}

Verdict verdict(const HistoryBuilder& h, const std::string& model = "register",
                Value initial = Value::nil()) {
  return check(h, model, std::move(initial)).verdict;
}

TEST(CheckLinearizability, EmptyHistoryIsValid) {
  EXPECT_EQ(verdict(HistoryBuilder()), Verdict::kValid);
}

TEST(CheckLinearizability, SequentialWriteThenReadIsValid) {
  HistoryBuilder h;
  h.invoke(1, "write", v(1)).ok(1).invoke(1, "read").ok(1, v(1));
  EXPECT_EQ(verdict(h), Verdict::kValid);
}

TEST(CheckLinearizability, ReadOfValueNeverWrittenIsInvalid) {
  HistoryBuilder h;
  h.invoke(1, "write", v(1)).ok(1).invoke(2, "read").ok(2, v(2));
  CheckResult r = check(h);
  EXPECT_EQ(r.verdict, Verdict::kInvalid);
  // The window is the read alone: no state the register could hold makes it return 2.
  ASSERT_EQ(r.detail["window"].size(), 1u);
  EXPECT_EQ(r.detail["window"][0]["f"], "read");
}

TEST(CheckLinearizability, InitialValueIsNilUnlessGiven) {
  HistoryBuilder h;
  h.invoke(1, "read").ok(1, v(0));
  EXPECT_EQ(verdict(h), Verdict::kInvalid);
  EXPECT_EQ(verdict(h, "register", v(0)), Verdict::kValid);
  HistoryBuilder nil_read;
  nil_read.invoke(1, "read").ok(1, Value::nil());
  EXPECT_EQ(verdict(nil_read), Verdict::kValid);
}

TEST(CheckLinearizability, StaleReadAfterCompletedWriteIsInvalid) {
  HistoryBuilder h;
  h.invoke(1, "write", v(1)).ok(1).invoke(1, "write", v(2)).ok(1).invoke(2, "read").ok(2, v(1));
  EXPECT_EQ(verdict(h), Verdict::kInvalid);
}

TEST(CheckLinearizability, ReadConcurrentWithWriteMaySeeEitherValue) {
  for (int64_t seen : {1, 2}) {
    HistoryBuilder h;
    h.invoke(1, "write", v(1))
        .ok(1)
        .invoke(1, "write", v(2))
        .invoke(2, "read")
        .ok(2, v(seen))
        .ok(1);
    EXPECT_EQ(verdict(h), Verdict::kValid) << seen;
  }
}

TEST(CheckLinearizability, ConcurrentWritesTakeEffectInOneOrder) {
  // Writes 1 and 2 overlap; afterwards the register holds one of them, for good.
  for (auto [first, second, valid] : {std::tuple{1, 1, true}, {2, 2, true}, {1, 2, false}}) {
    HistoryBuilder h;
    h.invoke(1, "write", v(1)).invoke(2, "write", v(2)).ok(1).ok(2);
    h.invoke(3, "read").ok(3, v(first)).invoke(3, "read").ok(3, v(second));
    EXPECT_EQ(verdict(h), valid ? Verdict::kValid : Verdict::kInvalid) << first << second;
  }
}

TEST(CheckLinearizability, InfoWriteMayTakeEffectLate) {
  HistoryBuilder h;  // the write's process crashed; a much later read sees it
  h.invoke(1, "write", v(1)).info(1).invoke(2, "read").ok(2, Value::nil());
  h.invoke(2, "read").ok(2, v(1));
  EXPECT_EQ(verdict(h), Verdict::kValid);
}

TEST(CheckLinearizability, InfoWriteCannotBeUndone) {
  HistoryBuilder h;  // once 1 was read, the register cannot go back to nil
  h.invoke(1, "write", v(1)).info(1).invoke(2, "read").ok(2, v(1));
  h.invoke(2, "read").ok(2, Value::nil());
  EXPECT_EQ(verdict(h), Verdict::kInvalid);
}

TEST(CheckLinearizability, InfoWriteMayNeverTakeEffect) {
  HistoryBuilder h;
  h.invoke(1, "write", v(1)).info(1).invoke(2, "read").ok(2, Value::nil());
  EXPECT_EQ(verdict(h), Verdict::kValid);
}

TEST(CheckLinearizability, CrashedProcessWithoutCompletionIsPending) {
  HistoryBuilder h;  // process 1 never answers: its write may still land
  h.invoke(1, "write", v(1)).invoke(2, "read").ok(2, Value::nil()).invoke(2, "read").ok(2, v(1));
  EXPECT_EQ(verdict(h), Verdict::kValid);
}

TEST(CheckLinearizability, FailedWriteNeverTookEffect) {
  HistoryBuilder h;
  h.invoke(1, "write", v(1)).fail(1).invoke(2, "read").ok(2, v(1));
  EXPECT_EQ(verdict(h), Verdict::kInvalid);
}

TEST(CheckLinearizability, HistoryWithoutOkOpsIsValid) {
  HistoryBuilder h;
  h.invoke(1, "write", v(1)).info(1).invoke(2, "write", v(2)).fail(2).invoke(3, "read").info(3);
  CheckResult r = check(h);
  EXPECT_EQ(r.verdict, Verdict::kValid);
  EXPECT_EQ(r.metrics["ok"], 0);
}

TEST(CheckLinearizability, InfoReadConstrainsNothing) {
  HistoryBuilder h;
  h.invoke(1, "read").info(1).invoke(2, "write", v(1)).ok(2);
  EXPECT_EQ(verdict(h), Verdict::kValid);
}

TEST(CheckLinearizability, CasTakesEffectOnlyWhenExpectedMatches) {
  HistoryBuilder ok;
  ok.invoke(1, "write", v(0))
      .ok(1)
      .invoke(1, "cas", pair(0, 1))
      .ok(1)
      .invoke(2, "read")
      .ok(2, v(1));
  EXPECT_EQ(verdict(ok, "cas-register"), Verdict::kValid);
  HistoryBuilder mismatch;  // cas [5 6] cannot succeed on 0
  mismatch.invoke(1, "write", v(0)).ok(1).invoke(1, "cas", pair(5, 6)).ok(1);
  EXPECT_EQ(verdict(mismatch, "cas-register"), Verdict::kInvalid);
  HistoryBuilder lost;  // the cas succeeded, yet a later read sees the old value
  lost.invoke(1, "write", v(0))
      .ok(1)
      .invoke(1, "cas", pair(0, 1))
      .ok(1)
      .invoke(2, "read")
      .ok(2, v(0));
  EXPECT_EQ(verdict(lost, "cas-register"), Verdict::kInvalid);
}

TEST(CheckLinearizability, InfoCasMayOrMayNotApply) {
  for (int64_t seen : {0, 1}) {
    HistoryBuilder h;
    h.invoke(1, "write", v(0)).ok(1).invoke(1, "cas", pair(0, 1)).info(1);
    h.invoke(2, "read").ok(2, v(seen));
    EXPECT_EQ(verdict(h, "cas-register"), Verdict::kValid) << seen;
  }
}

TEST(CheckLinearizability, RegisterModelRejectsCas) {
  HistoryBuilder h;
  h.invoke(1, "cas", pair(0, 1)).ok(1);
  EXPECT_THROW(verdict(h, "register"), UsageError);
}

TEST(CheckLinearizability, KvAppendsInOrder) {
  HistoryBuilder h;
  h.invoke(1, "put", s("a"), "x").ok(1).invoke(1, "append", s("b"), "x").ok(1);
  h.invoke(2, "get", Value::nil(), "x").ok(2, s("ab"));
  EXPECT_EQ(verdict(h, "kv"), Verdict::kValid);
  HistoryBuilder wrong;
  wrong.invoke(1, "put", s("a"), "x").ok(1).invoke(1, "append", s("b"), "x").ok(1);
  wrong.invoke(2, "get", Value::nil(), "x").ok(2, s("ba"));
  EXPECT_EQ(verdict(wrong, "kv"), Verdict::kInvalid);
}

TEST(CheckLinearizability, KvAppendToMissingKeyStartsEmpty) {
  HistoryBuilder h;
  h.invoke(1, "get", Value::nil(), "x").ok(1, Value::nil());
  h.invoke(1, "append", s("b"), "x").ok(1).invoke(1, "get", Value::nil(), "x").ok(1, s("b"));
  EXPECT_EQ(verdict(h, "kv"), Verdict::kValid);
}

TEST(CheckLinearizability, KvConcurrentAppendsInEitherOrder) {
  for (const char* seen : {"ab", "ba"}) {
    HistoryBuilder h;
    h.invoke(1, "append", s("a"), "x").invoke(2, "append", s("b"), "x").ok(1).ok(2);
    h.invoke(3, "get", Value::nil(), "x").ok(3, s(seen));
    EXPECT_EQ(verdict(h, "kv"), Verdict::kValid) << seen;
  }
}

TEST(CheckLinearizability, KvIntegersAreStoredAsText) {
  HistoryBuilder h;
  h.invoke(1, "put", v(12), "x").ok(1).invoke(1, "get", Value::nil(), "x").ok(1, s("12"));
  EXPECT_EQ(verdict(h, "kv"), Verdict::kValid);
}

TEST(CheckLinearizability, KeysAreIndependent) {
  HistoryBuilder h;
  h.invoke(1, "write", v(1), "a").ok(1).invoke(2, "read", Value::nil(), "b").ok(2, Value::nil());
  h.invoke(2, "read", Value::nil(), "a").ok(2, v(1));
  CheckResult r = check(h);
  EXPECT_EQ(r.verdict, Verdict::kValid);
  EXPECT_EQ(r.metrics["keys"], 2);
  HistoryBuilder bad = h;
  bad.invoke(3, "read", Value::nil(), "b").ok(3, v(1));  // 1 was written to a, not b
  r = check(bad);
  EXPECT_EQ(r.verdict, Verdict::kInvalid);
  EXPECT_EQ(r.detail["key"], "b");
  EXPECT_EQ(r.metrics["invalid_keys"], 1);
}

// Crashed writes of the same value are interchangeable, but each can take effect only once:
// reading 1, 2, 1, 2, 1 in turn needs three writes of 1.
TEST(CheckLinearizability, EachCrashedWriteTakesEffectAtMostOnce) {
  for (int crashed : {2, 3}) {
    HistoryBuilder h;
    for (int p = 10; p < 10 + crashed; ++p) h.invoke(p, "write", v(1));  // never answered
    h.invoke(1, "read").ok(1, v(1)).invoke(1, "write", v(2)).ok(1);
    h.invoke(1, "read").ok(1, v(1)).invoke(1, "write", v(2)).ok(1);
    h.invoke(1, "read").ok(1, v(1));
    EXPECT_EQ(verdict(h), crashed == 3 ? Verdict::kValid : Verdict::kInvalid) << crashed;
  }
}

// A crashed cas needs its expected value when it takes effect, whichever member of its class
// the search uses; here only the later crashed write can feed it.
TEST(CheckLinearizability, CrashedOpsTakeEffectOnlyAfterTheirInvocation) {
  HistoryBuilder h;
  h.invoke(1, "write", v(1)).ok(1).invoke(1, "read").ok(1, v(1));
  h.invoke(2, "cas", pair(1, 5));  // crashed
  h.invoke(1, "read").ok(1, v(5));
  EXPECT_EQ(verdict(h, "cas-register"), Verdict::kValid);
  HistoryBuilder early;
  early.invoke(1, "read").ok(1, v(5));  // before the cas was invoked
  early.invoke(1, "write", v(1)).ok(1).invoke(2, "cas", pair(1, 5));
  EXPECT_EQ(verdict(early, "cas-register"), Verdict::kInvalid);
}

// Keys a (3 ops, valid), b (2 ops, invalid), c (1 op, valid) and, if asked, d (2 ops,
// invalid). With one thread keys are searched largest first: a, then b or d, then c.
HistoryBuilder three_keys(bool second_bad_key) {
  HistoryBuilder h;
  h.invoke(1, "write", v(1), "a").ok(1).invoke(1, "read", Value::nil(), "a").ok(1, v(1));
  h.invoke(1, "read", Value::nil(), "a").ok(1, v(1));
  h.invoke(2, "write", v(2), "b").ok(2).invoke(2, "read", Value::nil(), "b").ok(2, v(3));
  h.invoke(3, "read", Value::nil(), "c").ok(3, Value::nil());
  if (second_bad_key)
    h.invoke(4, "write", v(5), "d").ok(4).invoke(4, "read", Value::nil(), "d").ok(4, v(6));
  return h;
}

CheckResult check_keys(const HistoryBuilder& h, bool all_keys) {
  LinearizabilityOptions options;
  options.threads = 1;
  options.all_keys = all_keys;
  return check_linearizability(h.history(), *make_model("register", Value::nil()), options);
}

TEST(CheckLinearizability, FirstInvalidKeyStopsTheOthers) {
  CheckResult r = check_keys(three_keys(false), false);
  EXPECT_EQ(r.verdict, Verdict::kInvalid);
  EXPECT_EQ(r.detail["key"], "b");
  EXPECT_EQ(r.metrics["keys"], 3);
  EXPECT_EQ(r.metrics["invalid_keys"], 1);
  EXPECT_EQ(r.metrics["unknown_keys"], 0);  // not checked is not unknown
  EXPECT_EQ(r.metrics["unchecked_keys"], 1);
  EXPECT_EQ(r.metrics["keys_not_checked"], nlohmann::json::array({"c"}));
  EXPECT_NE(r.summary.find("1 not checked after the first invalid one"), std::string::npos)
      << r.summary;
  EXPECT_NE(r.explanation.find("keys not checked: c (stopped at the first invalid key; "
                               "--all-keys checks them all)"),
            std::string::npos)
      << r.explanation;
}

TEST(CheckLinearizability, AllKeysChecksEveryKey) {
  CheckResult r = check_keys(three_keys(true), true);
  EXPECT_EQ(r.verdict, Verdict::kInvalid);
  EXPECT_EQ(r.metrics["invalid_keys"], 2);
  EXPECT_EQ(r.metrics["unchecked_keys"], 0);
  EXPECT_EQ(r.metrics["keys_not_checked"], nlohmann::json::array());
  EXPECT_EQ(r.summary.find("not checked"), std::string::npos) << r.summary;
  EXPECT_EQ(r.explanation.find("not checked"), std::string::npos) << r.explanation;
  // Without --all-keys the second invalid key is one of those never searched.
  r = check_keys(three_keys(true), false);
  EXPECT_EQ(r.metrics["invalid_keys"], 1);
  EXPECT_EQ(r.metrics["unchecked_keys"], 2);
}

TEST(CheckLinearizability, ValidHistoriesCheckEveryKey) {
  HistoryBuilder h;
  for (const char* key : {"a", "b", "c"}) {
    h.invoke(1, "write", v(1), key).ok(1).invoke(1, "read", Value::nil(), key).ok(1, v(1));
  }
  CheckResult r = check_keys(h, false);
  EXPECT_EQ(r.verdict, Verdict::kValid);
  EXPECT_EQ(r.metrics["unchecked_keys"], 0);
  EXPECT_GE(r.metrics["search_seconds"].get<double>(), 0);
  EXPECT_LE(r.metrics["search_seconds"].get<double>(), r.metrics["seconds"].get<double>());
}

TEST(CheckLinearizability, CompletionWithoutInvocationIsBadInput) {
  History h(1);
  h[0].type = OpType::kOk;
  h[0].f = "read";
  EXPECT_THROW(check_linearizability(h, *make_model("register", Value::nil()), {}), UsageError);
}

TEST(CheckLinearizability, TimeLimitGivesUnknownNeverAGuess) {
  GenOptions g;
  g.model = "register";
  g.ops = 20000;
  g.processes = 10;
  LinearizabilityOptions options;
  options.time_limit_s = 1e-9;
  CheckResult r = check_linearizability(generate_history(g), *make_model("register", {}), options);
  EXPECT_EQ(r.verdict, Verdict::kUnknown);
  EXPECT_EQ(r.metrics["why_unknown"], "time limit");
}

TEST(CheckLinearizability, MemoryLimitGivesUnknown) {
  GenOptions g;
  g.model = "register";
  g.ops = 100000;
  LinearizabilityOptions options;
  options.memory_limit_mb = 1;
  CheckResult r = check_linearizability(generate_history(g), *make_model("register", {}), options);
  EXPECT_EQ(r.verdict, Verdict::kUnknown);
  EXPECT_EQ(r.metrics["why_unknown"], "memory limit");
}

}  // namespace
}  // namespace rrt
