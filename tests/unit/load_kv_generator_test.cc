#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include "base/errors.h"
#include "load/kv_generator.h"

namespace rrt {
namespace {

TEST(KeyChooser, UniformCoversTheKeySpaceEvenly) {
  KeyChooser keys(KeyPattern::kUniform, 10, 7);
  std::map<uint64_t, int> seen;
  for (int i = 0; i < 100'000; ++i) ++seen[keys.next()];
  ASSERT_EQ(seen.size(), 10u);
  for (auto [key, n] : seen) EXPECT_NEAR(n, 10'000, 500) << key;
}

TEST(KeyChooser, SequentialSweepsFromItsStartAndWraps) {
  KeyChooser keys(KeyPattern::kSequential, 5, 1, 3);
  std::vector<uint64_t> got;
  for (int i = 0; i < 7; ++i) got.push_back(keys.next());
  EXPECT_EQ(got, (std::vector<uint64_t>{3, 4, 0, 1, 2, 3, 4}));
}

TEST(KeyChooser, ZipfFavoursLowKeysAsThePowerLawSays) {
  const uint64_t n = 1000;
  KeyChooser keys(KeyPattern::kZipf, n, 11);
  std::vector<int> count(n);
  const int draws = 400'000;
  for (int i = 0; i < draws; ++i) {
    uint64_t k = keys.next();
    ASSERT_LT(k, n);
    ++count[k];
  }
  // P(key 0) = 1 / zeta(n, 0.99); key 1 about half as likely (1/2^0.99).
  double p0 = 1 / zeta(n, 0.99);
  EXPECT_NEAR(count[0] / double(draws), p0, 0.01);
  EXPECT_NEAR(count[1] / double(count[0]), std::pow(0.5, 0.99), 0.05);
  EXPECT_GT(count[10], count[100]);
  EXPECT_GT(count[100], 0);
}

TEST(Zeta, TailApproximationMatchesTheExactSum) {
  double exact = 0;
  for (int i = 1; i <= 100'000; ++i) exact += std::pow(i, -0.99);
  EXPECT_NEAR(zeta(100'000, 0.99), exact, exact * 1e-9);
}

TEST(KvGenerator, RatioIsExactOverEachCycle) {
  KvOptions o;
  parse_ratio("1:3", &o);
  KvGenerator w(o, 0, 1);
  std::string out;
  Op op;
  Step step;
  int writes = 0;
  for (int i = 0; i < 400; ++i) {
    w.next(&out, &op, &step);
    writes += op.f == "write";
  }
  EXPECT_EQ(writes, 100);
}

TEST(KvGenerator, EncodesSetAndGetAsRespWithUniqueValues) {
  KvOptions o;
  o.set_weight = 1;
  o.get_weight = 1;
  o.keys = 1;
  o.data_size = 5;
  KvGenerator w(o, 2, 3);  // client 2 of 3: its first value is 0 * 3 + 2
  std::string out;
  Op op;
  Step step;
  w.next(&out, &op, &step);
  EXPECT_EQ(out, "*3\r\n$3\r\nSET\r\n$16\r\nkey:000000000000\r\n$5\r\n00002\r\n");
  EXPECT_EQ(op.f, "write");
  EXPECT_EQ(op.key, "key:000000000000");
  EXPECT_EQ(op.value, Value::of(2));
  out.clear();
  w.next(&out, &op, &step);
  EXPECT_EQ(out, "*2\r\n$3\r\nGET\r\n$16\r\nkey:000000000000\r\n");
  EXPECT_EQ(op.f, "read");
  out.clear();
  w.next(&out, &op, &step);
  EXPECT_EQ(op.value, Value::of(5));  // second write of client 2: 1 * 3 + 2
}

TEST(KvGenerator, LongValuesKeepTheNumberAndFillWithX) {
  KvOptions o;
  o.data_size = 24;
  KvGenerator w(o, 0, 1);
  std::string out;
  Op op;
  Step step;
  w.next(&out, &op, &step);
  w.next(&out, &op, &step);
  EXPECT_NE(out.find("000000000000000001xxxxxx\r\n"), std::string::npos) << out;
}

TEST(KvGenerator, RejectsBadRatios) {
  KvOptions o;
  EXPECT_THROW(parse_ratio("0:0", &o), UsageError);
  EXPECT_THROW(parse_ratio("1", &o), UsageError);
  EXPECT_THROW(parse_ratio("a:b", &o), UsageError);
  EXPECT_NO_THROW(parse_ratio("0:1", &o));
  EXPECT_EQ(o.get_weight, 1);
}

}  // namespace
}  // namespace rrt
