// Fuzzing the history readers: random bytes and mutations of valid histories must parse or
// fail with a UsageError, never crash, hang or throw anything else.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <random>

#include "base/errors.h"
#include "check/edn_history.h"
#include "history/history_reader.h"

namespace rrt {
namespace {

const char* kEdnSeed = R"([{:process 0, :type :invoke, :f :cas, :value [1 2], :time 5}
{:process 0, :type :ok, :f :cas, :value [1 2] :index 1} ; comment
{:process :nemesis, :type :info, :f :start, :value #{"n1" "n2"}}
{:process 3 :type :fail :f :read :value nil :error "x\"y\u0041"} #_{:a 1} #inst "2020"])";

const char* kJsonSeed =
    R"({"process":0,"type":"invoke","f":"write","value":[1,"a",null],"time":5,"key":"k"})";

std::string mutate(std::string s, std::mt19937_64& rng) {
  static const char kAlphabet[] = "[]{}()\":;#\\,. \n-+0123456789abcdefNM_/";
  int edits = 1 + rng() % 4;
  for (int i = 0; i < edits; ++i) {
    size_t pos = s.empty() ? 0 : rng() % s.size();
    switch (rng() % 4) {
      case 0:
        if (!s.empty()) s.erase(pos, 1 + rng() % 3);
        break;
      case 1:
        s.insert(pos, 1, kAlphabet[rng() % (sizeof(kAlphabet) - 1)]);
        break;
      case 2:
        if (!s.empty()) s[pos] = static_cast<char>(rng());
        break;
      default:
        s.insert(pos, s.substr(rng() % (s.size() + 1), rng() % 8));
    }
  }
  return s;
}

std::string random_bytes(std::mt19937_64& rng) {
  std::string s(rng() % 64, '\0');
  for (char& c : s) c = static_cast<char>(rng());
  return s;
}

TEST(CheckFuzz, EdnReaderParsesOrRejects) {
  std::mt19937_64 rng(7);
  auto start = std::chrono::steady_clock::now();
  int parsed = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string input = i % 4 == 0 ? random_bytes(rng) : mutate(kEdnSeed, rng);
    try {
      parse_edn_history(input, "fuzz");
      ++parsed;
    } catch (const UsageError&) {
    }
  }
  EXPECT_GT(parsed, 0);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST(CheckFuzz, JsonlReaderParsesOrRejects) {
  std::mt19937_64 rng(11);
  std::string path = testing::TempDir() + "check_fuzz_test.jsonl";
  int parsed = 0;
  for (int i = 0; i < 2000; ++i) {
    std::string line = i % 4 == 0 ? random_bytes(rng) : mutate(kJsonSeed, rng);
    Op op;
    std::string why;
    parsed += parse_op_line(line, &op, &why);
    if (i % 20 == 0) {  // whole files, through read_history
      std::ofstream(path, std::ios::binary) << kJsonSeed << "\n" << line << "\n";
      try {
        read_history(path);
      } catch (const UsageError&) {
      }
    }
  }
  EXPECT_GT(parsed, 0);
}

}  // namespace
}  // namespace rrt
