// `rrt tour`: runs exercises for real, prints their key numbers and lessons, writes the index
// page, and leaves no process behind.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "test_support.h"

namespace rrt {
namespace {

using rrt::testing::run_rrt;
using rrt::testing::TempHome;
using rrt::testing::wait_no_processes_under;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(Tour, QuickStaleReadsStopPrintsNumbersAndWritesTheIndex) {
  TempHome home;
  std::string runs = home.path() + "/runs";
  auto r =
      run_rrt({"tour", "--quick", "--only", "replication-stale-reads", "--runs-dir", runs, "-q"},
              home.path(), 120);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out,
              AllOf(HasSubstr("== replication-stale-reads"), HasSubstr("replica reads were stale"),
                    HasSubstr("asynchronous"), HasSubstr("tour index: ")));
  std::string index_path = r.out.substr(r.out.rfind("tour index: ") + 12);
  index_path = index_path.substr(0, index_path.find('\n'));
  std::string page = read_file(index_path);
  EXPECT_THAT(page, AllOf(HasSubstr("replication-stale-reads"), HasSubstr("/report.html\""),
                          HasSubstr("replica reads were stale")));
  EXPECT_THAT(wait_no_processes_under(home.path(), 5), IsEmpty());
}

TEST(Tour, UnknownExerciseIsAUsageError) {
  TempHome home;
  auto r = run_rrt({"tour", "--only", "no-such-exercise"}, home.path(), 30);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("no-such-exercise"));
}

}  // namespace
}  // namespace rrt
