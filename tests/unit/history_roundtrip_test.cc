// A history written by HistoryWriter reads back with every field equal: the writer and the
// reader agree on docs/history.md.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>

#include "base/errors.h"
#include "history/history_reader.h"
#include "history/history_writer.h"
#include "history_samples.h"

namespace rrt {
namespace {

using namespace history_samples;
namespace fs = std::filesystem;

TEST(HistoryRoundTrip, EveryFieldReadsBackEqual) {
  TempFile file;
  History written = sample_history();
  {
    HistoryWriter writer(file.path());
    HistoryWriter::Buffer buffer(&writer, 256);  // small: several hand-overs to the file
    for (const Op& op : written) buffer.record(op);
  }
  expect_same(read_history(file.path()), written);
}

TEST(HistoryRoundTrip, RecordsFromSeveralBuffersAreSortedByTime) {
  TempFile file;
  History written = sample_history();
  {
    HistoryWriter writer(file.path());
    HistoryWriter::Buffer odd(&writer), even(&writer);
    for (size_t i = 0; i < written.size(); ++i) (i % 2 ? odd : even).record(written[i]);
    even.flush();  // even records land in the file first, odd ones after
  }
  expect_same(read_history(file.path()), written);
}

TEST(HistoryRoundTrip, BytesThatAreNotUtf8StillMakeAReadableFile) {
  TempFile file;
  std::string binary("\xff\xfe\x80 ok \xc3\x28 \xed\xa0\x80 \xf4\x90\x80\x80 \xe2\x82", 21);
  {
    HistoryWriter writer(file.path());
    HistoryWriter::Buffer buffer(&writer);
    buffer.record(make(0, OpType::kOk, "read", "bin", Value::of(binary), 5));
  }
  History read = read_history(file.path());
  ASSERT_EQ(read.size(), 1u);
  // Each stray byte reads back as the code point of the same number (U+00FF for 0xff), in UTF-8.
  EXPECT_EQ(read[0].value.text.substr(0, 4), "\xc3\xbf\xc3\xbe");
  EXPECT_NE(read[0].value.text.find(" ok "), std::string::npos);
}

TEST(HistoryRoundTrip, HandedOverRecordsAreOnDiskWhileTheWriterIsOpen) {
  TempFile file;
  HistoryWriter writer(file.path());
  HistoryWriter::Buffer buffer(&writer, 1);  // every record is handed over at once
  History written = sample_history();
  for (const Op& op : written) buffer.record(op);
  // Read before anything is closed, as after a crash: the file already holds every record.
  expect_same(read_history(file.path()), written);
  EXPECT_EQ(writer.bytes_written(), fs::file_size(file.path()));
}

TEST(HistoryRoundTrip, ACrashCutLastLineIsDroppedButOtherDamageIsAnError) {
  TempFile file;
  std::string first;
  append_op_json(make(0, OpType::kInvoke, "write", "k", Value::of(1), 1), &first);
  std::ofstream(file.path()) << first << "{\"process\":0,\"type\":\"ok\",\"f\":\"wr";
  History h = read_history(file.path());
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h[0].f, "write");

  std::ofstream(file.path()) << "{\"process\":0,\"type\":\"ok\",\"f\":\"wr\n" << first;
  try {
    read_history(file.path());
    FAIL() << "a damaged line in the middle must be an error";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find(":1:"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace rrt
