// Protocol detection on a connection's first byte (after TLS, when there is TLS).
#pragma once

#include <cstdint>

namespace larder {

enum class WireProtocol : uint8_t { resp, memcache_text, memcache_binary };

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

}  // namespace larder
