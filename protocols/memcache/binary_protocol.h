// The memcached binary protocol's vocabulary: opcodes, status codes, the 24-byte header
// (big-endian on the wire) and each opcode's required layout, plus decoders for the extras
// that requests carry. Shared by the binary parser and the binary responder.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace larder::memcache {

inline constexpr uint8_t kBinaryRequestMagic = 0x80;
inline constexpr uint8_t kBinaryResponseMagic = 0x81;
inline constexpr size_t kBinaryHeaderLen = 24;

enum class Opcode : uint8_t {
    get = 0x00,
    set = 0x01,
    add = 0x02,
    replace = 0x03,
    delete_ = 0x04,
    increment = 0x05,
    decrement = 0x06,
    quit = 0x07,
    flush = 0x08,
    getq = 0x09,
    noop = 0x0a,
    version = 0x0b,
    getk = 0x0c,
    getkq = 0x0d,
    append = 0x0e,
    prepend = 0x0f,
    stat = 0x10,
    setq = 0x11,
    addq = 0x12,
    replaceq = 0x13,
    deleteq = 0x14,
    incrementq = 0x15,
    decrementq = 0x16,
    quitq = 0x17,
    flushq = 0x18,
    appendq = 0x19,
    prependq = 0x1a,
    verbosity = 0x1b,
    touch = 0x1c,
    gat = 0x1d,
    gatq = 0x1e,
    sasl_list_mechs = 0x20,
    sasl_auth = 0x21,
    sasl_step = 0x22,
    gatk = 0x23,
    gatkq = 0x24,
};

enum class BinaryStatus : uint16_t {
    no_error = 0x00,
    key_not_found = 0x01,
    key_exists = 0x02,
    value_too_large = 0x03,
    invalid_arguments = 0x04,
    item_not_stored = 0x05,
    non_numeric = 0x06,
    auth_error = 0x20,
    auth_continue = 0x21,
    unknown_command = 0x81,
    out_of_memory = 0x82,
    internal_error = 0x84,
};

// The body text memcached sends with each error status.
std::string_view binary_status_text(BinaryStatus status);

// Quiet opcodes suppress success replies (and misses of gets); errors are always sent.
bool is_quiet(uint8_t opcode);
// The loud opcode a quiet one stands for; other opcodes map to themselves.
uint8_t base_opcode(uint8_t opcode);
// GETK/GETKQ/GATK/GATKQ put the key in their replies.
bool returns_key(uint8_t opcode);

// What memcached requires of a request's extras, key and value, per opcode.
struct OpcodeLayout {
    enum class Extras : uint8_t { none, exactly, none_or_exactly };
    enum class Key : uint8_t { forbidden, required, optional };
    enum class Value : uint8_t { forbidden, allowed };
    Extras extras = Extras::none;
    uint8_t extras_len = 0;
    Key key = Key::forbidden;
    Value value = Value::forbidden;
    bool storage = false;  // the value is an item's data (limited by item size)
    bool known = false;
};
OpcodeLayout opcode_layout(uint8_t opcode);

// The request header, in host order.
struct BinaryHeader {
    uint8_t magic = 0;
    uint8_t opcode = 0;
    uint16_t key_len = 0;
    uint8_t extras_len = 0;
    uint8_t data_type = 0;
    uint16_t vbucket_or_status = 0;
    uint32_t body_len = 0;
    uint32_t opaque = 0;
    uint64_t cas = 0;
};
// Reads the first kBinaryHeaderLen bytes of `bytes` (which must hold that many).
BinaryHeader decode_binary_header(std::string_view bytes);

// Appends a response header (magic 0x81; the opaque is echoed as received).
void append_response_header(std::string& out, uint8_t opcode, BinaryStatus status, uint16_t key_len,
                            uint8_t extras_len, uint32_t body_len, uint32_t opaque, uint64_t cas);
// Appends a whole error response: no extras, no key, the status text as body.
void append_error_response(std::string& out, uint8_t opcode, BinaryStatus status, uint32_t opaque,
                           std::string_view text = {});

uint32_t load_be32(const char* p);
uint64_t load_be64(const char* p);

}  // namespace larder::memcache
