#include "src/net/listen_socket.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace larder::net {

namespace {

struct Resolved {
    addrinfo* res = nullptr;
    std::string error;
    ~Resolved() {
        if (res) freeaddrinfo(res);
    }
};

void resolve(const ListenSpec& spec, Resolved& out) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST | AI_NUMERICSERV;
    addrinfo* res = nullptr;
    std::string port = std::to_string(spec.port);
    int rc = getaddrinfo(spec.bind.c_str(), port.c_str(), &hints, &res);
    if (rc != 0) {
        out.error = "cannot resolve bind address '" + spec.bind + "': " + gai_strerror(rc);
        return;
    }
    out.res = res;
}

std::string where(const ListenSpec& spec) {
    return spec.bind + ":" + std::to_string(spec.port);
}

}  // namespace

std::string check_port_free(const ListenSpec& spec) {
    Resolved r;
    resolve(spec, r);
    if (!r.res) return r.error;
    int fd = socket(r.res->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return "socket() for " + where(spec) + ": " + strerror(errno);
    // SO_REUSEADDR alone: connections in TIME_WAIT do not count, a listening socket does.
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (r.res->ai_family == AF_INET6) setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
    std::string err;
    if (bind(fd, r.res->ai_addr, r.res->ai_addrlen) != 0) {
        err = "cannot listen on " + where(spec) + ": " +
              (errno == EADDRINUSE ? "port " + std::to_string(spec.port) + " already in use"
                                   : std::string(strerror(errno)));
    }
    ::close(fd);
    return err;
}

OpenedSocket open_listen_socket(const ListenSpec& spec) {
    Resolved r;
    resolve(spec, r);
    if (!r.res) return {-1, r.error};
    addrinfo* res = r.res;
    std::string where = net::where(spec);
    int fd = socket(res->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return {-1, "socket() for " + where + ": " + strerror(errno)};
    }
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    if (res->ai_family == AF_INET6) setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
    if (bind(fd, res->ai_addr, res->ai_addrlen) != 0) {
        std::string err = "cannot bind " + where + ": " + strerror(errno);
        ::close(fd);
        return {-1, err};
    }
    if (listen(fd, spec.backlog) != 0) {
        std::string err = "cannot listen on " + where + ": " + strerror(errno);
        ::close(fd);
        return {-1, err};
    }
    return {fd, ""};
}

}  // namespace larder::net
