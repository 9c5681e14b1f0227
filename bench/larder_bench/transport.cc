#include "transport.h"

#include "strcat.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <utility>

namespace larder_bench {
namespace {

class TcpTransport final : public Transport {
 public:
  TcpTransport(int fd, std::string desc) : fd_(fd), desc_(std::move(desc)) {}
  ~TcpTransport() override { ::close(fd_); }
  int fd() const override { return fd_; }

  IoResult read(char* buf, std::size_t cap) override {
    for (;;) {
      const ssize_t n = ::recv(fd_, buf, cap, 0);
      if (n > 0) return {IoResult::kOk, static_cast<std::size_t>(n), 0};
      if (n == 0) return {IoResult::kClosed, 0, 0};
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) return {IoResult::kWouldBlock, 0, 0};
      return {IoResult::kError, 0, errno};
    }
  }

  IoResult write(const char* buf, std::size_t len) override {
    for (;;) {
      const ssize_t n = ::send(fd_, buf, len, MSG_NOSIGNAL);
      if (n >= 0) return {IoResult::kOk, static_cast<std::size_t>(n), 0};
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) return {IoResult::kWouldBlock, 0, 0};
      if (errno == EPIPE || errno == ECONNRESET) return {IoResult::kClosed, 0, errno};
      return {IoResult::kError, 0, errno};
    }
  }

  std::string describe() const override { return desc_; }

 private:
  int fd_;
  std::string desc_;
};

}  // namespace

std::unique_ptr<Transport> connect_transport(const Endpoint& ep, std::string* err) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  const std::string port = std::to_string(ep.port);
  if (const int rc = ::getaddrinfo(ep.host.c_str(), port.c_str(), &hints, &res); rc != 0) {
    *err = cat("resolve ", ep.host, ": ", gai_strerror(rc));
    return nullptr;
  }
  std::string last = "no address";
  for (addrinfo* ai = res; ai; ai = ai->ai_next) {
    const int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, ai->ai_protocol);
    if (fd < 0) {
      last = std::strerror(errno);
      continue;
    }
    int rc = ::connect(fd, ai->ai_addr, ai->ai_addrlen);
    if (rc != 0 && errno == EINPROGRESS) {
      pollfd p{fd, POLLOUT, 0};
      const int ms = static_cast<int>(ep.connect_timeout_s * 1000);
      const int pr = ::poll(&p, 1, ms);
      if (pr == 1) {
        int soerr = 0;
        socklen_t sl = sizeof soerr;
        ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl);
        rc = soerr == 0 ? 0 : -1;
        errno = soerr;
      } else {
        if (pr == 0) errno = ETIMEDOUT;
        rc = -1;
      }
    }
    if (rc != 0) {
      last = std::strerror(errno);
      ::close(fd);
      continue;
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    ::freeaddrinfo(res);
    switch (ep.kind) {
      case TransportKind::kTcp:
        return std::make_unique<TcpTransport>(fd, cat("tcp ", ep.host, ":", port));
    }
  }
  ::freeaddrinfo(res);
  *err = cat("connect ", ep.host, ":", port, ": ", last);
  return nullptr;
}

}  // namespace larder_bench
