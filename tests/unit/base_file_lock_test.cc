// FileLock: excludes a second holder, gives up after its timeout naming the file, never hangs.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "base/errors.h"
#include "base/fake_clock.h"
#include "base/file_lock.h"

namespace rrt {
namespace {

std::string temp_lock_path() {
  auto dir = std::filesystem::temp_directory_path() / fmt::format("rrt-lock-test-{}", getpid());
  return (dir / "sub" / "test.lock").string();
}

// flock excludes across open file descriptions, so a second FileLock in this process sees the
// first one as another holder.
TEST(FileLock, SecondHolderTimesOutNamingTheFile) {
  std::string path = temp_lock_path();
  FakeClock clock;
  {
    FileLock first(clock, path, kSeconds);  // creates the directory too
    Nanos start = clock.now();
    try {
      FileLock second(clock, path, 3 * kSeconds);
      FAIL() << "a second lock was granted while the first was held";
    } catch (const EnvironmentError& e) {
      EXPECT_THAT(e.what(), ::testing::HasSubstr(path));
      EXPECT_THAT(e.what(), ::testing::HasSubstr("3.00 s"));
    }
    EXPECT_EQ(clock.now() - start, 3 * kSeconds);
  }
  FileLock again(clock, path, 0);  // released when the first went
  FileLock moved = std::move(again);
  EXPECT_EQ(moved.path(), path);
  std::filesystem::remove_all(std::filesystem::path(path).parent_path().parent_path());
}

TEST(FileLock, ExcludesAnotherProcess) {
  std::string path = temp_lock_path();
  SystemClock clock;
  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  pid_t child = fork();
  if (child == 0) {
    FileLock held(clock, path, kSeconds);
    char c = 'x';
    (void)!write(ready[1], &c, 1);
    usleep(300 * 1000);
    _exit(0);
  }
  char c;
  ASSERT_EQ(read(ready[0], &c, 1), 1);
  EXPECT_THROW(FileLock(clock, path, 20 * kMillis), EnvironmentError);
  FileLock after(clock, path, 10 * kSeconds);  // granted once the child exits
  int status = 0;
  waitpid(child, &status, 0);
  close(ready[0]);
  close(ready[1]);
  std::filesystem::remove_all(std::filesystem::path(path).parent_path().parent_path());
}

TEST(FileLock, UnopenablePathIsAnErrorNamingIt) {
  FakeClock clock;
  try {
    FileLock lock(clock, "/proc/rrt-no-such-dir/x.lock", kSeconds);
    FAIL();
  } catch (const EnvironmentError& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("/proc/rrt-no-such-dir/x.lock"));
  }
}

}  // namespace
}  // namespace rrt
