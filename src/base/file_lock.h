// An exclusive lock between rrt processes: flock on a file, held for the life of the object.
#pragma once

#include <string>

#include "base/clock.h"

namespace rrt {

// Takes an exclusive flock on `path` (created if missing, with its directory), trying every
// 10 ms of `clock` for at most `timeout`. Throws EnvironmentError naming the lock file if it cannot
// be opened, or if another process still holds it after `timeout` (so a hung holder shows up as an
// error, never as a hang). Released when the object goes (or the process ends). Movable.
class FileLock {
 public:
  FileLock(Clock& clock, const std::string& path, Nanos timeout);
  ~FileLock();
  FileLock(FileLock&& other) noexcept;
  FileLock& operator=(FileLock&& other) noexcept;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
  int fd_ = -1;
};

}  // namespace rrt
