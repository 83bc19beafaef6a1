#include "base/file_lock.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

#include "base/duration.h"
#include "base/errors.h"
#include "base/wait.h"

namespace rrt {

FileLock::FileLock(Clock& clock, const std::string& path, Nanos timeout) : path_(path) {
  std::error_code ec;
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    throw EnvironmentError(fmt::format("cannot open lock file {}: {}", path, strerror(errno)));
  }
  int error = 0;
  auto settled = [&] {
    error = flock(fd_, LOCK_EX | LOCK_NB) == 0 ? 0 : errno;
    return error != EWOULDBLOCK && error != EINTR;  // taken, or an error no wait will cure
  };
  wait_until(clock, timeout, 10 * kMillis, settled);
  if (error == 0) return;
  close(fd_);
  fd_ = -1;
  if (error == EWOULDBLOCK || error == EINTR) {
    throw EnvironmentError(
        fmt::format("lock file {} is still held by another process after {} (`fuser {}` names it)",
                    path, format_duration(timeout, DurationStyle::kReadable), path));
  }
  throw EnvironmentError(fmt::format("cannot lock {}: {}", path, strerror(error)));
}

FileLock::~FileLock() {
  if (fd_ >= 0) close(fd_);  // releases the lock
}

FileLock::FileLock(FileLock&& other) noexcept
    : path_(std::move(other.path_)), fd_(std::exchange(other.fd_, -1)) {}

FileLock& FileLock::operator=(FileLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) close(fd_);
    path_ = std::move(other.path_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

}  // namespace rrt
