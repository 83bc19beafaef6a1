#include "load/history_lines.h"

#include <gtest/gtest.h>

namespace rrt {
namespace {

Op sample() {
  Op op;
  op.process = 1234;
  op.type = OpType::kOk;
  op.f = "write";
  op.key = "key:000000000042";
  op.value = Value::of(-77);
  op.time = 987654321012;
  op.node = "127.0.0.1:6379";
  return op;
}

// The fast encoder must write the bytes the shared one writes, for every shape of record.
void expect_same(const Op& op) {
  std::string fast, shared;
  append_op_line(op, &fast);
  append_op_json(op, &shared);
  EXPECT_EQ(fast, shared);
}

TEST(HistoryLines, MatchesTheSharedEncoder) {
  Op op = sample();
  expect_same(op);
  op.type = OpType::kInvoke;
  op.value = Value::nil();
  expect_same(op);
  op.type = OpType::kInfo;
  op.error = "timeout";
  op.value = Value::of(std::string("text"));
  expect_same(op);
  op.type = OpType::kFail;
  op.node.clear();
  op.key.clear();
  op.error = "connect-refused";
  expect_same(op);
}

TEST(HistoryLines, EscapesLikeTheSharedEncoder) {
  Op op = sample();
  op.key = "a \"quoted\"\\key\n\x01";
  op.value = Value::of(std::string("tab\there"));
  op.error = "ERR \"x\"";
  expect_same(op);
  op.value = Value::list({Value::of(1), Value::of(std::string("b")), Value::nil()});
  expect_same(op);
}

}  // namespace
}  // namespace rrt
