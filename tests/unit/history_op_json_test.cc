// The one history encoder: its fast path (plain ASCII, integers) and its general path (escapes,
// lists, bytes that are not UTF-8) write the lines docs/history.md describes.
#include <gtest/gtest.h>

#include "history/op_json.h"

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

std::string line(const Op& op) {
  std::string out;
  append_op_json(op, &out);
  return out;
}

TEST(OpJson, WritesEveryFieldInItsOrder) {
  Op op = sample();
  EXPECT_EQ(line(op),
            "{\"process\":1234,\"type\":\"ok\",\"f\":\"write\",\"key\":\"key:000000000042\","
            "\"value\":-77,\"time\":987654321012,\"node\":\"127.0.0.1:6379\"}\n");
  op.type = OpType::kInfo;
  op.error = "timeout";
  op.value = Value::of(std::string("text"));
  EXPECT_EQ(line(op),
            "{\"process\":1234,\"type\":\"info\",\"f\":\"write\",\"key\":\"key:000000000042\","
            "\"value\":\"text\",\"time\":987654321012,\"node\":\"127.0.0.1:6379\","
            "\"error\":\"timeout\"}\n");
}

TEST(OpJson, LeavesOutEmptyKeyNilValueNodeAndError) {
  Op op = sample();
  op.type = OpType::kFail;
  op.key.clear();
  op.node.clear();
  op.value = Value::nil();
  EXPECT_EQ(line(op),
            "{\"process\":1234,\"type\":\"fail\",\"f\":\"write\",\"time\":987654321012}\n");
}

TEST(OpJson, EscapesAndNestsOnTheGeneralPath) {
  Op op = sample();
  op.key = "a \"q\"\\k\n\x01";
  op.value = Value::list({Value::of(1), Value::of(std::string("b\t")), Value::nil()});
  op.error = "ERR";
  EXPECT_EQ(
      line(op),
      "{\"process\":1234,\"type\":\"ok\",\"f\":\"write\",\"key\":\"a \\\"q\\\"\\\\k\\n\\u0001\","
      "\"value\":[1,\"b\\t\",null],\"time\":987654321012,\"node\":\"127.0.0.1:6379\","
      "\"error\":\"ERR\"}\n");
}

TEST(OpJson, KeepsUtf8AndMapsOtherBytesToTheirCodePoints) {
  Op op = sample();
  op.value = Value::of(std::string("\xc3\xa9\xff"));
  EXPECT_NE(line(op).find("\"value\":\"\xc3\xa9\\u00ff\""), std::string::npos) << line(op);
}

}  // namespace
}  // namespace rrt
