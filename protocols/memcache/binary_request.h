// One parsed memcached binary request, and typed readers for the extras each opcode carries.
// The parser has already checked every extras length against the opcode, so the readers
// cannot fail on a request it returned (they read zeros from anything shorter).
#pragma once

#include <cstdint>
#include <string_view>

#include "protocols/memcache/binary_protocol.h"

namespace larder::memcache {

// Views point into the parser's input and stay valid until its `consumed` bytes are dropped.
struct BinaryRequest {
    uint8_t opcode = 0;  // as sent, quiet variants included; see base_opcode()/is_quiet()
    uint8_t data_type = 0;
    uint16_t vbucket = 0;
    uint32_t opaque = 0;
    uint64_t cas = 0;
    std::string_view extras, key, value;

    Opcode op() const { return static_cast<Opcode>(opcode); }
    Opcode base() const { return static_cast<Opcode>(base_opcode(opcode)); }
    bool quiet() const { return is_quiet(opcode); }
};

// SET/ADD/REPLACE (and quiet forms). APPEND/PREPEND carry none: flags 0, exptime 0.
struct StorageExtras {
    uint32_t flags = 0;
    uint32_t exptime = 0;
};
StorageExtras storage_extras(const BinaryRequest& req);

// INCREMENT/DECREMENT: on a miss, memcached creates the item with `initial` unless
// exptime is 0xffffffff, in which case the miss is "Not found".
struct ArithmeticExtras {
    uint64_t delta = 0;
    uint64_t initial = 0;
    uint32_t exptime = 0;
    bool creates_on_miss() const { return exptime != 0xffffffffu; }
};
ArithmeticExtras arithmetic_extras(const BinaryRequest& req);

// TOUCH/GAT*: the new exptime. FLUSH: the optional delay (0 when absent).
uint32_t expiration_extras(const BinaryRequest& req);
// VERBOSITY: the level.
uint32_t verbosity_extras(const BinaryRequest& req);

}  // namespace larder::memcache
