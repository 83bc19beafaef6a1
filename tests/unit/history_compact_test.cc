// The compact history form (history/compact_history.h): every field of every record shape reads
// back equal, through read_history's detection by magic bytes; crashes and damage are told apart.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "base/errors.h"
#include "history/history_reader.h"
#include "history/history_writer.h"
#include "history_samples.h"

namespace rrt {
namespace {

using namespace history_samples;

void write_all(const std::string& path, const History& ops, HistoryEncoding encoding,
               size_t capacity = 64 * 1024) {
  HistoryWriter writer(path, encoding);
  HistoryWriter::Buffer buffer(&writer, capacity);
  for (const Op& op : ops) buffer.record(op);
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void spit(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

TEST(CompactHistory, EveryFieldReadsBackEqual) {
  TempFile file;
  History written = sample_history();  // unicode, NUL bytes, nested lists, int64 extremes
  write_all(file.path(), written, HistoryEncoding::kCompact);
  EXPECT_EQ(slurp(file.path()).substr(0, 8), "RRTHIST1");
  expect_same(read_history(file.path()), written);
}

TEST(CompactHistory, SmallFramesAndManyBuffersReadBackEqual) {
  TempFile file;
  History written = sample_history();
  {
    HistoryWriter writer(file.path(), HistoryEncoding::kCompact);
    HistoryWriter::Buffer odd(&writer, 16), even(&writer, 1);  // a frame every record or two
    for (size_t i = 0; i < written.size(); ++i) (i % 2 ? odd : even).record(written[i]);
  }
  expect_same(read_history(file.path()), written);
}

TEST(CompactHistory, BytesThatAreNotUtf8ComeBackExactly) {
  TempFile file;
  std::string binary("\xff\xfe\x80 ok \xc3\x28 \x00 \xed\xa0\x80", 14);
  History written = {make(0, OpType::kInvoke, "write", binary, Value::of(binary), 5),
                     make(0, OpType::kOk, "write", binary, Value::of(binary), 6)};
  write_all(file.path(), written, HistoryEncoding::kCompact);
  expect_same(read_history(file.path()), written);  // JSON Lines maps such bytes to code points
}

TEST(CompactHistory, AnOperationTakesFarFewerBytesThanAJsonLine) {
  TempFile jsonl, compact;
  History ops;
  for (int64_t i = 0; i < 10'000; ++i) {  // as `rrt bench` writes them: 50 clients, 4096 keys
    std::string key = "key:" + std::string(8, '0') + std::to_string(1000 + (i * 7919) % 4096);
    ops.push_back(make(i % 50, OpType::kInvoke, "write", key, Value::of(i), 12'000'000'000 + i));
    ops.push_back(make(i % 50, OpType::kOk, "write", key, Value::of(i), 12'000'095'000 + i));
  }
  write_all(jsonl.path(), ops, HistoryEncoding::kJsonl);
  write_all(compact.path(), ops, HistoryEncoding::kCompact);
  double json_per_op = std::filesystem::file_size(jsonl.path()) / 10'000.0;
  double compact_per_op = std::filesystem::file_size(compact.path()) / 10'000.0;
  EXPECT_LT(compact_per_op, 64) << json_per_op;
  EXPECT_LT(compact_per_op * 3, json_per_op);
  History a = read_history(jsonl.path()), b = read_history(compact.path());
  expect_same(b, a);
}

TEST(CompactHistory, ACrashCutLastFrameIsDroppedButEarlierFramesRead) {
  TempFile file;
  History written = sample_history();
  write_all(file.path(), written, HistoryEncoding::kCompact, 1);  // one frame per record
  std::string bytes = slurp(file.path());
  spit(file.path(), bytes.substr(0, bytes.size() - 3));  // the last record, cut short
  History read = read_history(file.path());
  written.pop_back();
  expect_same(read, written);
}

TEST(CompactHistory, DamageNamesTheFileAndTheByteOffset) {
  TempFile file;
  write_all(file.path(), sample_history(), HistoryEncoding::kCompact, 1);
  std::string bytes = slurp(file.path());
  // The first frame starts after the 8-byte magic; its payload after its 8-byte header.
  bytes[8 + 8 + 2] ^= 0x40;
  spit(file.path(), bytes);
  try {
    read_history(file.path());
    FAIL() << "a damaged frame must be an error";
  } catch (const UsageError& e) {
    std::string what = e.what();
    EXPECT_NE(what.find(file.path() + ": byte offset 8:"), std::string::npos) << what;
    EXPECT_NE(what.find("crc32"), std::string::npos) << what;
  }
}

TEST(CompactHistory, AnImplausibleFrameLengthIsDamageNotACrash) {
  TempFile file;
  write_all(file.path(), sample_history(), HistoryEncoding::kCompact);
  std::string bytes = slurp(file.path());
  bytes[8 + 3] = '\x7f';  // the length's high byte
  spit(file.path(), bytes);
  EXPECT_THROW(read_history(file.path()), UsageError);
}

TEST(CompactHistory, FormatNamesParse) {
  EXPECT_EQ(parse_history_encoding("compact"), HistoryEncoding::kCompact);
  EXPECT_EQ(parse_history_encoding("jsonl"), HistoryEncoding::kJsonl);
  EXPECT_THROW(parse_history_encoding("json"), UsageError);
}

}  // namespace
}  // namespace rrt
