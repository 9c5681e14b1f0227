// Protocol detection on a connection's first byte (after TLS, when there is TLS).
#pragma once

#include <cstdint>

#include "src/server/service.h"

namespace larder::net {

using server::WireProtocol;

// What a listener speaks when the first byte does not name a protocol.
enum class ListenerDefault : uint8_t { resp, memcache };

// One byte is always enough: 0x80 is the memcached binary request magic, '*' opens a RESP
// multibulk; anything else is a text command in the listener's default protocol (RESP
// inline on a RESP port, memcached text on a memcached port).
constexpr WireProtocol detect_protocol(uint8_t first_byte, ListenerDefault fallback) {
    if (first_byte == 0x80) return WireProtocol::memcache_binary;
    if (first_byte == '*') return WireProtocol::resp;
    return fallback == ListenerDefault::resp ? WireProtocol::resp : WireProtocol::memcache_text;
}

// Chooses the pinned protocol of a listener, or detection with a text default.
struct ListenerProtocol {
    bool pinned = false;
    WireProtocol pinned_protocol = WireProtocol::resp;
    ListenerDefault fallback = ListenerDefault::resp;

    // The protocol a client is assumed to speak before it has sent anything.
    WireProtocol assumed() const {
        if (pinned) return pinned_protocol;
        return fallback == ListenerDefault::resp ? WireProtocol::resp : WireProtocol::memcache_text;
    }
    // The protocol of a connection whose first byte is `first_byte`. A memcached port still
    // answers binary clients even when pinned to memcached.
    WireProtocol choose(uint8_t first_byte) const {
        if (!pinned) return detect_protocol(first_byte, fallback);
        if (pinned_protocol == WireProtocol::memcache_text && first_byte == 0x80)
            return WireProtocol::memcache_binary;
        return pinned_protocol;
    }
};

}  // namespace larder::net
