#include "src/listen_socket.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace larder::net {

OpenedSocket open_listen_socket(const ListenSpec& spec) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST | AI_NUMERICSERV;
    addrinfo* res = nullptr;
    std::string port = std::to_string(spec.port);
    int rc = getaddrinfo(spec.bind.c_str(), port.c_str(), &hints, &res);
    if (rc != 0) return {-1, "cannot resolve bind address '" + spec.bind + "': " + gai_strerror(rc)};
    std::string where = spec.bind + ":" + port;
    int fd = socket(res->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        freeaddrinfo(res);
        return {-1, "socket() for " + where + ": " + strerror(errno)};
    }
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    if (res->ai_family == AF_INET6) setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
    if (bind(fd, res->ai_addr, res->ai_addrlen) != 0) {
        std::string err = "cannot bind " + where + ": " + strerror(errno);
        freeaddrinfo(res);
        ::close(fd);
        return {-1, err};
    }
    freeaddrinfo(res);
    if (listen(fd, spec.backlog) != 0) {
        std::string err = "cannot listen on " + where + ": " + strerror(errno);
        ::close(fd);
        return {-1, err};
    }
    return {fd, ""};
}

}  // namespace larder::net
