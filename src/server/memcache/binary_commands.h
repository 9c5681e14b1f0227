// The memcached binary protocol's handlers, bound by (loud) opcode. Quiet opcodes share their
// loud opcode's handler; the responder alone suppresses quiet replies. Opcodes without a
// handler answer "Unknown command", as memcached does.
#pragma once

#include <array>

#include "protocols/memcache/binary_parser.h"
#include "protocols/memcache/binary_responder.h"
#include "src/server/memcache/ops.h"

namespace larder::server {
class MemcacheSessionBase;
}

namespace larder::server::memcache_ops {

struct BinaryCall {
    Call& op;  // the shared semantics, answering through the binary responder
    memcache::BinaryResponder& reply;
    const memcache::BinaryRequest& req;
    MemcacheSessionBase& session;  // login (SASL) and `stats` connection id
};

struct BinaryRow {
    // Returns true when the connection must close after the reply (QUIT).
    bool (*handler)(BinaryCall&) = nullptr;
    // Answered before a SASL login when memcache-auth-file asks for one; anything else then
    // fails and closes, as memcached does.
    bool before_login = false;
};
using BinaryHandlerTable = std::array<BinaryRow, 256>;

const BinaryHandlerTable& binary_handlers();

}  // namespace larder::server::memcache_ops
