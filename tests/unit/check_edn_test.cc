// Reading Jepsen EDN histories: layouts, values, keyed tuples, and errors that name the line.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "base/errors.h"
#include "check/edn_history.h"
#include "check/edn_reader.h"
#include "check/history_file.h"
#include "check/history_gen.h"
#include "check/independent_keys.h"

namespace rrt {
namespace {

std::string error_of(const std::string& text) {
  try {
    parse_edn_history(text, "h.edn");
  } catch (const UsageError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(CheckEdn, ReadsAVectorOfOps) {
  History h = parse_edn_history(R"([
    {:process 0, :type :invoke, :f :write, :value 3, :time 10}
    {:process 0, :type :ok, :f :write, :value 3, :time 20}
    {:process :nemesis, :type :info, :f :start, :value nil}
    {:process 1, :type :invoke, :f :cas, :value [3 4]}
    {:process 1, :type :info, :f :cas, :value [3 4], :error :timeout}
  ])",
                                "h.edn");
  ASSERT_EQ(h.size(), 4u);  // the nemesis op is skipped
  EXPECT_EQ(h[0].f, "write");
  EXPECT_EQ(h[0].value, Value::of(3));
  EXPECT_EQ(h[1].type, OpType::kOk);
  EXPECT_EQ(h[1].time, 20);
  EXPECT_EQ(h[2].value, Value::list({Value::of(3), Value::of(4)}));
  EXPECT_EQ(h[3].type, OpType::kInfo);
  EXPECT_EQ(h[3].error, "timeout");
}

TEST(CheckEdn, ReadsOneMapPerLineWithComments) {
  History h = parse_edn_history(
      "; a Jepsen history\n"
      "{:type :invoke, :f :read, :value nil, :process 2, :index 7}\n"
      "{:type :ok, :f :read, :value \"a\\\"b\", :process 2, :index 8} ; done\n",
      "h.edn");
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0].index, 7);
  EXPECT_TRUE(h[0].value.is_nil());
  EXPECT_EQ(h[1].value, Value::of(std::string("a\"b")));
}

TEST(CheckEdn, ValuesOfEveryKind) {
  EdnReader r("[nil true -12 12N 1.5 \"s\" :kw sym #{1} (1 2) {:a 1} \\c #_ignored #inst \"x\"]",
              "t");
  Edn e = r.read();
  ASSERT_EQ(e.items.size(), 13u);
  EXPECT_EQ(e.items[0].kind, Edn::Kind::kNil);
  EXPECT_TRUE(e.items[1].boolean);
  EXPECT_EQ(e.items[2].integer, -12);
  EXPECT_EQ(e.items[3].integer, 12);
  EXPECT_DOUBLE_EQ(e.items[4].real, 1.5);
  EXPECT_EQ(e.items[6].text, "kw");
  EXPECT_EQ(e.items[7].kind, Edn::Kind::kSymbol);
  EXPECT_EQ(e.items[8].kind, Edn::Kind::kSet);
  EXPECT_EQ(e.items[10].get("a")->integer, 1);
  EXPECT_EQ(e.items[11].text, "c");
  EXPECT_EQ(e.items[12].text, "x");  // tag dropped, #_ form discarded
  EXPECT_TRUE(r.at_end());
}

TEST(CheckEdn, ErrorsNameLineColumnAndWhatWasExpected) {
  EXPECT_EQ(error_of("[{:process 0 :type :invoke :f :read}\n {:process 0 :type :ok :f :read"),
            "h.edn:2:32: expected '}' to close the map opened at 2:2, found end of input");
  EXPECT_EQ(error_of("{:process 0 :type :invoke :f :read}\n{:process 1 :type :bogus :f :read}"),
            "h.edn:2:19: expected :type to be one of :invoke, :ok, :fail, :info");
  EXPECT_EQ(error_of("{:process \"p\" :type :ok :f :read}"),
            "h.edn:1:11: expected :process to be an integer or :nemesis, found \"p\"");
  EXPECT_EQ(error_of("{:type :ok :f :read}"), "h.edn:1:1: expected :process in this op map");
  EXPECT_EQ(error_of("[{:process 0 :type :ok :f :read :value 1.5}]"),
            "h.edn:1:40: expected a value of nil, an integer, a string, a keyword or a vector, "
            "found 1.5");
  EXPECT_EQ(error_of("{:process 0 :type :ok :f :read :value \"abc}"),
            "h.edn:1:39: expected '\"' to close this string, found end of input");
  EXPECT_EQ(error_of("{:process 0 :type}"),
            "h.edn:1:1: expected a value for every key of this map, found an odd count");
  EXPECT_EQ(error_of("[1 2)"), "h.edn:1:2: expected an op map {:process .. :type ..}, found 1");
  EXPECT_EQ(error_of("[{:process 0 :type :ok :f :read}"),
            "h.edn:1:33: expected an op map or ']' to close the history opened at 1:1, found end "
            "of input");
  EXPECT_EQ(error_of("{:process 99999999999999999999 :type :ok :f :read}"),
            "h.edn:1:11: integer 99999999999999999999 out of range");
}

TEST(CheckEdn, DeepNestingIsRefused) {
  std::string deep(10000, '[');
  EXPECT_NE(error_of(deep).find("nesting deeper than 256 levels"), std::string::npos);
}

TEST(CheckEdn, EmptyInputIsAnEmptyHistory) {
  EXPECT_TRUE(parse_edn_history("", "h.edn").empty());
  EXPECT_TRUE(parse_edn_history("  ; nothing\n", "h.edn").empty());
}

TEST(CheckEdn, DetectsTheFormat) {
  EXPECT_EQ(detect_history_format("a.edn", "{\"process\": 1}"), HistoryFormat::kEdn);
  EXPECT_EQ(detect_history_format("h", "  [{:process 0"), HistoryFormat::kEdn);
  EXPECT_EQ(detect_history_format("h", "{:process 0"), HistoryFormat::kEdn);
  EXPECT_EQ(detect_history_format("h", "{ :process 0"), HistoryFormat::kEdn);
  EXPECT_EQ(detect_history_format("h", "; comment"), HistoryFormat::kEdn);
  EXPECT_EQ(detect_history_format("h.jsonl", "{\"process\":0}"), HistoryFormat::kJsonl);
  EXPECT_EQ(detect_history_format("h.jsonl", ""), HistoryFormat::kJsonl);
}

TEST(CheckEdn, ReadsFilesAndReportsUnreadableOnes) {
  std::string path = testing::TempDir() + "check_edn_test.edn";
  std::ofstream(path) << "{:process 0 :type :invoke :f :read}\n{:process 0 :type :ok :f :read "
                         ":value 1}\n";
  EXPECT_EQ(read_any_history(path).size(), 2u);
  EXPECT_THROW(read_any_history(path + ".missing"), EnvironmentError);
}

TEST(CheckEdn, SplitsIndependentKeyTuples) {
  History h = parse_edn_history(R"([
    {:process 0 :type :invoke :f :cas :value [5 [1 2]]}
    {:process 0 :type :ok :f :cas :value [5 [1 2]]}
    {:process 1 :type :invoke :f :read :value [:k nil]}
    {:process 1 :type :ok :f :read :value [:k 3]}
  ])",
                                "h.edn");
  EXPECT_TRUE(split_tuple_keys(&h));
  EXPECT_EQ(h[0].key, "5");
  EXPECT_EQ(h[0].value, Value::list({Value::of(1), Value::of(2)}));
  EXPECT_EQ(h[3].key, "k");
  EXPECT_EQ(h[3].value, Value::of(3));
}

TEST(CheckEdn, LeavesUnkeyedCasAlone) {
  History h = parse_edn_history(
      "{:process 0 :type :invoke :f :cas :value [1 2]}\n{:process 0 :type :ok :f :cas :value [1 "
      "2]}\n{:process 0 :type :invoke :f :write :value 3}",
      "h.edn");
  EXPECT_FALSE(split_tuple_keys(&h));
  EXPECT_TRUE(h[0].key.empty());
}

TEST(CheckEdn, WrittenHistoriesReadBackTheSame) {
  HistoryBuilder b;
  b.invoke(1, "append", Value::of("say \"hi\"\\\n"), "k 1")
      .invoke(2, "cas", Value::list({Value::nil(), Value::of(-4)}));
  b.ok(1).info(2).invoke(3, "read").ok(3, Value::list({Value::of(1), Value::of("x")}));
  History h = b.history();
  h[3].error = "timeout";
  h[3].node = "127.0.0.1:6379";
  std::ostringstream out;
  write_edn_history(h, out);
  History back = parse_edn_history(out.str(), "written.edn");
  ASSERT_EQ(back.size(), h.size()) << out.str();
  for (size_t i = 0; i < h.size(); ++i) {
    EXPECT_EQ(back[i].process, h[i].process) << i;
    EXPECT_EQ(back[i].type, h[i].type) << i;
    EXPECT_EQ(back[i].f, h[i].f) << i;
    EXPECT_EQ(back[i].key, h[i].key) << i;
    EXPECT_EQ(back[i].value, h[i].value) << i;
    EXPECT_EQ(back[i].time, h[i].time) << i;
    EXPECT_EQ(back[i].error, h[i].error) << i;
    EXPECT_EQ(back[i].node, h[i].node) << i;
  }
}

// The fast path (edn_op_scanner.h) must read every op exactly as the general reader does. A
// comment right after '{' sends a map to the general reader.
History general_read(std::string text) {
  for (size_t i = text.find('{'); i != std::string::npos; i = text.find('{', i + 4)) {
    text.insert(i + 1, ";c\n");
  }
  return parse_edn_history(text, "general.edn");
}

void expect_same_ops(const History& a, const History& b, const std::string& text) {
  ASSERT_EQ(a.size(), b.size()) << text;
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].index, b[i].index) << text;
    EXPECT_EQ(a[i].process, b[i].process) << text;
    EXPECT_EQ(a[i].type, b[i].type) << text;
    EXPECT_EQ(a[i].f, b[i].f) << text;
    EXPECT_EQ(a[i].key, b[i].key) << text;
    EXPECT_EQ(a[i].value, b[i].value) << text;
    EXPECT_EQ(a[i].time, b[i].time) << text;
    EXPECT_EQ(a[i].error, b[i].error) << text;
    EXPECT_EQ(a[i].node, b[i].node) << text;
  }
}

TEST(CheckEdn, FastPathReadsAsTheGeneralReader) {
  std::vector<std::string> cases = {
      R"({:process 1, :type :ok, :f :read, :value [1 [2 :x] "s" nil true -3], :time 5})",
      R"({:process 1 :type :invoke :f "write" :value :kw :index 9 :key 42})",
      R"({:process 1, :type :info, :f :cas, :key nil, :error :timeout, :node nil})",
      R"({:process 1, :type :fail, :f :cas, :key :k, :error "e", :node "n1", :value [])"
      R"(, :time -1})",
      R"({:process 1, :type :ok, :f :read, :value 1, :value 2})",  // the first :value counts
      R"({:process 1, :type :ok, :f :read, :value "a\"b"})",       // escapes: general reader
      R"({:process 1, :type :ok, :f :read, :value 12N, :extra 1})",
      R"([{:process 0, :type :invoke, :f :read} {:process :nemesis, :type :info, :f :x}])",
  };
  for (const std::string& text : cases) {
    expect_same_ops(parse_edn_history(text, "fast.edn"), general_read(text), text);
  }
  for (const char* model : {"kv", "cas-register"}) {
    GenOptions g;
    g.model = model;
    g.ops = 300;
    g.keys = 3;
    g.info_rate = 0.1;
    g.fail_rate = 0.1;
    g.values = 4;
    std::ostringstream out;
    write_edn_history(generate_history(g), out);
    expect_same_ops(parse_edn_history(out.str(), "fast.edn"), general_read(out.str()), model);
  }
}

TEST(CheckEdn, ErrorsAfterFastReadOpsNameTheirLine) {
  std::string text =
      "{:process 0, :type :invoke, :f :read}\n{:process 0, :type :ok, :f :read}\n"
      "{:process 1, :type :bogus, :f :read}\n";
  EXPECT_NE(error_of(text).find("h.edn:3:"), std::string::npos) << error_of(text);
}

}  // namespace
}  // namespace rrt
