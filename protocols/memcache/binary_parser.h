// Incremental parser for the memcached binary protocol (24-byte big-endian header, magic
// 0x80), validating each opcode's layout the way memcached 1.6 does and producing
// memcached's own error packets. A stateful object rather than a free function because an
// oversized value is swallowed across reads, as memcached does, instead of buffered.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "protocols/memcache/binary_protocol.h"
#include "protocols/memcache/binary_request.h"
#include "protocols/memcache/limits.h"
#include "protocols/memcache/parse_result.h"

namespace larder::memcache {

// Same calling contract as TextParser::parse: `input` is all unconsumed bytes; drop
// `consumed` after each result; after need_more call again with the same bytes plus more.
// An error's reply lives in the parser and is valid until the next call.
class BinaryParser {
  public:
    explicit BinaryParser(Limits limits = {}) : limits_(limits) {}

    ParseResult parse(std::string_view input, BinaryRequest& out);

    void set_limits(Limits limits) { limits_ = limits; }
    const Limits& limits() const { return limits_; }
    void reset();

  private:
    ParseResult fail(uint8_t opcode, uint32_t opaque, BinaryStatus status, size_t consumed,
                     bool close);
    ParseResult fail_and_swallow(const BinaryRequest& req, BinaryStatus status,
                                 std::string_view input, size_t fixed_len, uint64_t swallow);

    Limits limits_;
    uint64_t swallow_ = 0;  // bytes of a refused body still to discard
    std::string reply_;
};

}  // namespace larder::memcache
