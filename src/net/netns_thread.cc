#include "net/netns_thread.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <future>
#include <memory>

#include "base/errors.h"

namespace rrt {

void enter_netns(const std::string& netns) {
  if (netns.empty()) return;
  std::string path = "/run/netns/" + netns;
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    throw EnvironmentError(
        fmt::format("cannot open network namespace {}: {}", path, std::strerror(errno)));
  }
  int rc = setns(fd, CLONE_NEWNET);
  int err = errno;
  close(fd);
  if (rc != 0) {
    throw EnvironmentError(
        fmt::format("cannot enter network namespace {}: {}", netns, std::strerror(err)));
  }
}

std::thread netns_thread(const std::string& netns, std::function<void()> body) {
  // Shared: the caller may return (and drop its reference) while set_value() still runs.
  auto entered = std::make_shared<std::promise<void>>();
  std::future<void> result = entered->get_future();
  std::thread t([netns, body = std::move(body), entered] {
    try {
      enter_netns(netns);
    } catch (...) {
      entered->set_exception(std::current_exception());
      return;
    }
    entered->set_value();
    body();
  });
  try {
    result.get();
  } catch (...) {
    t.join();
    throw;
  }
  return t;
}

void run_in_netns(const std::string& netns, const std::function<void()>& body) {
  std::exception_ptr error;
  std::thread t = netns_thread(netns, [&] {
    try {
      body();
    } catch (...) {
      error = std::current_exception();
    }
  });
  t.join();
  if (error) std::rethrow_exception(error);
}

std::function<int(int family)> netns_socket_opener(const std::string& netns) {
  return [netns](int family) {
    int fd = -1, err = 0;
    try {
      run_in_netns(netns, [&] {
        fd = ::socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
        err = errno;
      });
    } catch (const std::exception&) {
      err = access(("/run/netns/" + netns).c_str(), F_OK) == 0 ? EPERM : ENOENT;
    }
    if (fd < 0) errno = err;
    return fd;
  };
}

}  // namespace rrt
