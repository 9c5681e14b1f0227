// Opens the listening sockets. Each worker gets its own socket per listener, all bound to the
// same address with SO_REUSEPORT, so the kernel spreads new connections across workers.
#pragma once

#include <string>

#include "src/connection.h"

namespace larder::net {

struct ListenSpec {
    std::string bind;
    int port = 0;
    ListenerProtocol protocol;
    int backlog = 511;
    std::string name;  // for logs: auto-resp, memcache, ...
};

struct OpenedSocket {
    int fd = -1;
    std::string error;  // empty on success
};

OpenedSocket open_listen_socket(const ListenSpec& spec);

}  // namespace larder::net
