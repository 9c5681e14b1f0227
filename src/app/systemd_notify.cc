#include "src/app/systemd_notify.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "src/base/log.h"

namespace larder::app {

ServiceNotifier::ServiceNotifier() {
    const char* path = getenv("NOTIFY_SOCKET");
    if (path == nullptr || path[0] == '\0') return;
    socket_path_ = path;
    unsetenv("NOTIFY_SOCKET");
}

void ServiceNotifier::ready() {
    send("READY=1\nSTATUS=accepting connections\nMAINPID=" + std::to_string(getpid()));
}

void ServiceNotifier::reloading() {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    uint64_t usec =
        static_cast<uint64_t>(now.tv_sec) * 1000000u + static_cast<uint64_t>(now.tv_nsec) / 1000u;
    send("RELOADING=1\nMONOTONIC_USEC=" + std::to_string(usec));
}

void ServiceNotifier::stopping() {
    send("STOPPING=1\nSTATUS=stopping");
}

void ServiceNotifier::send(std::string_view message) {
    if (socket_path_.empty()) return;
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (socket_path_.size() >= sizeof addr.sun_path) {
        log::warning("NOTIFY_SOCKET path too long; systemd will not hear from this service");
        return;
    }
    memcpy(addr.sun_path, socket_path_.data(), socket_path_.size());
    if (addr.sun_path[0] == '@') addr.sun_path[0] = '\0';  // abstract namespace
    socklen_t len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + socket_path_.size());
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return;
    if (sendto(fd, message.data(), message.size(), MSG_NOSIGNAL,
               reinterpret_cast<const sockaddr*>(&addr), len) < 0) {
        log::warning(std::string("cannot notify the service manager: ") + strerror(errno));
    }
    ::close(fd);
}

}  // namespace larder::app
