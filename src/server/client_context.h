// The state of one client as command execution sees it, for both protocols: who it is, where
// it came from, how it speaks and what it has chosen. Owned by the client's session, on its
// connection's worker thread; handlers read and change it through their call.
#pragma once

#include <cstdint>
#include <string>

#include "src/server/service.h"

namespace larder::server {

struct ClientContext {
    uint64_t id = 0;               // CLIENT ID; unique for the server's life
    ConnectionFacts conn;          // peer, listener, protocol and peer certificate (from src/net)
    int resp_version = 2;          // RESP2 or RESP3 (HELLO); memcached sessions leave it at 2
    int db = 0;                    // SELECT; only database 0 exists today
    std::string user = "default";  // the authenticated user (ACLs: the access-control issue)
    std::string name;              // CLIENT SETNAME / HELLO SETNAME
    std::string lib_name;          // CLIENT SETINFO LIB-NAME
    std::string lib_ver;           // CLIENT SETINFO LIB-VER
    uint32_t flags = 0;            // CLIENT LIST flags (none are set yet)
};

}  // namespace larder::server
