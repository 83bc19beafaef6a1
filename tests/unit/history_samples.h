// Histories for the history format tests: every shape a record can take, a temporary file, and
// a field-by-field comparison.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>

#include "history/op.h"

namespace rrt {
namespace history_samples {

namespace fs = std::filesystem;

// A file path in a fresh directory, removed with this object.
class TempFile {
 public:
  TempFile() {
    dir_ = fs::temp_directory_path() /
           ("rrt-history-test-" + std::to_string(getpid()) + "-" + std::to_string(++counter_));
    fs::create_directories(dir_);
  }
  ~TempFile() { fs::remove_all(dir_); }
  std::string path() const { return (dir_ / "history.jsonl").string(); }

 private:
  static inline int counter_ = 0;
  fs::path dir_;
};

inline Op make(int64_t process, OpType type, std::string f, std::string key, Value value,
               Nanos time, std::string node = "127.0.0.1:7000", std::string error = "") {
  Op op;
  op.process = process;
  op.type = type;
  op.f = std::move(f);
  op.key = std::move(key);
  op.value = std::move(value);
  op.time = time;
  op.node = std::move(node);
  op.error = std::move(error);
  return op;
}

// Every shape a record can take, in time order.
inline History sample_history() {
  const int64_t big = std::numeric_limits<int64_t>::max();
  const int64_t small = std::numeric_limits<int64_t>::min();
  std::string with_nul("nul\0byte", 8);
  return {
      make(0, OpType::kInvoke, "write", "k1", Value::of(42), 0),
      make(0, OpType::kOk, "write", "k1", Value::of(42), 1'000),
      make(1, OpType::kInvoke, "read", "k1", Value::nil(), 2'000),
      make(1, OpType::kOk, "read", "k1", Value::nil(), 3'000),  // key absent
      make(2, OpType::kInvoke, "write", "ключ/鍵", Value::of(std::string("héllo ✓ 🚀")), 4'000),
      make(2, OpType::kFail, "write", "ключ/鍵", Value::of(std::string("héllo ✓ 🚀")), 5'000,
           "[::1]:7001", "READONLY"),
      make(3, OpType::kInvoke, "append", "a \"quoted\"\\key\n\t\r\x01\x1f", Value::of(with_nul),
           6'000),
      make(3, OpType::kInfo, "append", "a \"quoted\"\\key\n\t\r\x01\x1f", Value::of(with_nul),
           7'000, "127.0.0.1:7000", "timeout"),
      make(4, OpType::kInvoke, "cas", "c", Value::list({Value::of(1), Value::of(2)}), 8'000),
      make(4, OpType::kOk, "read", "s",
           Value::list({Value::of(big), Value::of(small), Value::of(std::string("")), Value::nil(),
                        Value::list({Value::of(-3), Value::list({})})}),
           9'000),
      make(5, OpType::kInvoke, "incr", "", Value::of(1), 10'000, ""),  // never left: no node
      make(5, OpType::kFail, "incr", "", Value::of(1), 11'000, "", "connect-refused"),
      make(big, OpType::kInvoke, "write", "k2", Value::of(-7), big - 1),
      // No completion at all: the run (or rrt) ended while it was in flight.
      make(6, OpType::kInvoke, "write", "k3", Value::of(std::string("0042")), big),
  };
}

inline void expect_same(const History& read, const History& written) {
  ASSERT_EQ(read.size(), written.size());
  for (size_t i = 0; i < written.size(); ++i) {
    SCOPED_TRACE("record " + std::to_string(i));
    EXPECT_EQ(read[i].index, static_cast<int64_t>(i));
    EXPECT_EQ(read[i].process, written[i].process);
    EXPECT_EQ(read[i].type, written[i].type);
    EXPECT_EQ(read[i].f, written[i].f);
    EXPECT_EQ(read[i].key, written[i].key);
    EXPECT_EQ(read[i].value, written[i].value) << to_string(read[i].value);
    EXPECT_EQ(read[i].time, written[i].time);
    EXPECT_EQ(read[i].node, written[i].node);
    EXPECT_EQ(read[i].error, written[i].error);
  }
}

}  // namespace history_samples
}  // namespace rrt
