#include "binary_build.h"

namespace larder::memcache::testing {
namespace {

void put(std::string& out, uint64_t v, int bytes) {
    for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

}  // namespace

std::string Packet::bytes() const {
    std::string out;
    out.push_back(static_cast<char>(magic));
    out.push_back(static_cast<char>(opcode));
    put(out, key_len.value_or(static_cast<uint16_t>(key.size())), 2);
    put(out, extras_len.value_or(static_cast<uint8_t>(extras.size())), 1);
    put(out, data_type, 1);
    put(out, vbucket, 2);
    put(out, body_len.value_or(static_cast<uint32_t>(extras.size() + key.size() + value.size())),
        4);
    put(out, opaque, 4);
    put(out, cas, 8);
    return out + extras + key + value;
}

std::string request(Opcode op, std::string_view key, std::string_view extras,
                    std::string_view value, uint32_t opaque, uint64_t cas) {
    Packet p;
    p.opcode = static_cast<uint8_t>(op);
    p.key = key;
    p.extras = extras;
    p.value = value;
    p.opaque = opaque;
    p.cas = cas;
    return p.bytes();
}

std::string be32(uint32_t v) {
    std::string out;
    put(out, v, 4);
    return out;
}

std::string be64(uint64_t v) {
    std::string out;
    put(out, v, 8);
    return out;
}

std::string storage_extras_bytes(uint32_t flags, uint32_t exptime) {
    return be32(flags) + be32(exptime);
}

std::string arithmetic_extras_bytes(uint64_t delta, uint64_t initial, uint32_t exptime) {
    return be64(delta) + be64(initial) + be32(exptime);
}

std::string response(uint8_t opcode, BinaryStatus status, std::string_view extras,
                     std::string_view key, std::string_view value, uint32_t opaque, uint64_t cas) {
    std::string out;
    out.push_back(static_cast<char>(kBinaryResponseMagic));
    out.push_back(static_cast<char>(opcode));
    put(out, key.size(), 2);
    put(out, extras.size(), 1);
    put(out, 0, 1);
    put(out, static_cast<uint16_t>(status), 2);
    put(out, extras.size() + key.size() + value.size(), 4);
    put(out, opaque, 4);
    put(out, cas, 8);
    out.append(extras);
    out.append(key);
    out.append(value);
    return out;
}

std::string error_response(uint8_t opcode, BinaryStatus status, uint32_t opaque) {
    return response(opcode, status, {}, {}, binary_status_text(status), opaque);
}

}  // namespace larder::memcache::testing
