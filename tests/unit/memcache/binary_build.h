// Builds binary-protocol packets for tests, with every header field overridable so that
// malformed packets are as easy to write as good ones.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "protocols/memcache/binary_protocol.h"

namespace larder::memcache::testing {

struct Packet {
    uint8_t magic = kBinaryRequestMagic;
    uint8_t opcode = 0;
    std::string extras, key, value;
    uint32_t opaque = 0;
    uint64_t cas = 0;
    uint8_t data_type = 0;
    uint16_t vbucket = 0;
    // Override the lengths the header claims.
    std::optional<uint16_t> key_len;
    std::optional<uint8_t> extras_len;
    std::optional<uint32_t> body_len;

    std::string bytes() const;
};

std::string request(Opcode op, std::string_view key = {}, std::string_view extras = {},
                    std::string_view value = {}, uint32_t opaque = 0, uint64_t cas = 0);

std::string be32(uint32_t v);
std::string be64(uint64_t v);
std::string storage_extras_bytes(uint32_t flags, uint32_t exptime);
std::string arithmetic_extras_bytes(uint64_t delta, uint64_t initial, uint32_t exptime);

// A response packet as memcached writes it.
std::string response(uint8_t opcode, BinaryStatus status, std::string_view extras,
                     std::string_view key, std::string_view value, uint32_t opaque = 0,
                     uint64_t cas = 0);
// memcached's error packet: the status text as body.
std::string error_response(uint8_t opcode, BinaryStatus status, uint32_t opaque = 0);

}  // namespace larder::memcache::testing
