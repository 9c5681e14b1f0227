// Opens the listening sockets. Each worker gets its own socket per listener, all bound to the
// same address with SO_REUSEPORT, so the kernel spreads new connections across workers.
#pragma once

#include <string>

#include "src/net/detect.h"

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

// Opens one worker's socket for `spec` (SO_REUSEPORT, so every worker can have one).
OpenedSocket open_listen_socket(const ListenSpec& spec);

// Fails with "cannot listen on ADDR: port N already in use" when another socket already
// listens on spec's address. SO_REUSEPORT would otherwise let a second server (say, a second
// larder-server started by mistake) silently share the port. Call once per listener, before
// opening the workers' sockets; returns an empty string when the port is free.
std::string check_port_free(const ListenSpec& spec);

}  // namespace larder::net
