#include "net/source_address.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace rrt {

std::function<int(int family)> source_address_opener(const std::string& address) {
  return [address](int family) {
    sockaddr_in source{};
    source.sin_family = AF_INET;
    if (family != AF_INET || inet_pton(AF_INET, address.c_str(), &source.sin_addr) != 1) {
      errno = EAFNOSUPPORT;
      return -1;
    }
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&source), sizeof source) != 0) {
      int err = errno;
      ::close(fd);
      errno = err;
      return -1;
    }
    return fd;
  };
}

}  // namespace rrt
