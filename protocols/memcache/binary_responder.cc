#include "protocols/memcache/binary_responder.h"

namespace larder::memcache {
namespace {

void put_be32(char* p, uint32_t v) {
    p[0] = static_cast<char>(v >> 24);
    p[1] = static_cast<char>(v >> 16);
    p[2] = static_cast<char>(v >> 8);
    p[3] = static_cast<char>(v);
}

bool is(uint8_t opcode, Opcode op) {
    return opcode == static_cast<uint8_t>(op);
}

}  // namespace

void BinaryResponder::begin(const BinaryRequest& req) {
    opcode_ = req.opcode;
    base_ = base_opcode(req.opcode);
    opaque_ = req.opaque;
    quiet_ = is_quiet(req.opcode);
}

void BinaryResponder::packet(BinaryStatus status, std::string_view extras, std::string_view key,
                             std::string_view body, uint64_t cas) {
    auto total = static_cast<uint32_t>(extras.size() + key.size() + body.size());
    append_response_header(out_.raw(), opcode_, status, static_cast<uint16_t>(key.size()),
                           static_cast<uint8_t>(extras.size()), total, opaque_, cas);
    out_.append(extras);
    out_.append(key);
    out_.append(body);
}

void BinaryResponder::success(uint64_t cas) {
    if (!quiet_) packet(BinaryStatus::no_error, {}, {}, {}, cas);
}

void BinaryResponder::failure(BinaryStatus status, std::string_view text) {
    append_error_response(out_.raw(), opcode_, status, opaque_, text);
}

void BinaryResponder::stored_cas(uint64_t cas) {
    success(cas);
}

void BinaryResponder::not_stored() {
    // memcached reports a refused ADD as "exists" and a refused REPLACE as "not found".
    if (is(base_, Opcode::add)) return failure(BinaryStatus::key_exists);
    if (is(base_, Opcode::replace)) return failure(BinaryStatus::key_not_found);
    failure(BinaryStatus::item_not_stored);
}

void BinaryResponder::exists() {
    failure(BinaryStatus::key_exists);
}
void BinaryResponder::not_found() {
    failure(BinaryStatus::key_not_found);
}
void BinaryResponder::deleted() {
    success();
}

void BinaryResponder::touched(uint32_t flags, uint64_t cas) {
    char extras[4];
    put_be32(extras, flags);
    if (!quiet_) packet(BinaryStatus::no_error, {extras, 4}, {}, {}, cas);
}

void BinaryResponder::ok() {
    success();
}
void BinaryResponder::quit() {
    success();
}

void BinaryResponder::value(std::string_view key, uint32_t flags, uint64_t cas,
                            std::string_view data) {
    char extras[4];
    put_be32(extras, flags);
    std::string_view k = returns_key(opcode_) ? key : std::string_view{};
    // TOUCH answers a hit like GAT, without the value.
    std::string_view body = is(base_, Opcode::touch) ? std::string_view{} : data;
    packet(BinaryStatus::no_error, {extras, 4}, k, body, cas);
}

void BinaryResponder::miss(std::string_view key) {
    if (quiet_) return;
    // GETK/GATK misses carry the key instead of a message.
    if (returns_key(opcode_)) return packet(BinaryStatus::key_not_found, {}, key, {}, 0);
    failure(BinaryStatus::key_not_found);
}

void BinaryResponder::end_values() {}

void BinaryResponder::number(uint64_t value, uint64_t cas) {
    if (quiet_) return;
    char body[8];
    put_be32(body, static_cast<uint32_t>(value >> 32));
    put_be32(body + 4, static_cast<uint32_t>(value));
    packet(BinaryStatus::no_error, {}, {}, {body, 8}, cas);
}

void BinaryResponder::version(std::string_view version) {
    packet(BinaryStatus::no_error, {}, {}, version, 0);
}

void BinaryResponder::stat(std::string_view name, std::string_view value) {
    packet(BinaryStatus::no_error, {}, name, value, 0);
}

// An empty STAT packet ends the list.
void BinaryResponder::end_stats() {
    packet(BinaryStatus::no_error, {}, {}, {}, 0);
}

void BinaryResponder::stats_reset() {
    end_stats();
}

void BinaryResponder::stats_dump(std::string_view text) {
    stat("detailed", text);
    end_stats();
}

void BinaryResponder::no_such_stats(std::string_view) {
    failure(BinaryStatus::key_not_found);
}

void BinaryResponder::sasl_mechanisms(std::string_view names) {
    packet(BinaryStatus::no_error, {}, {}, names, 0);
}

void BinaryResponder::sasl_authenticated() {
    packet(BinaryStatus::no_error, {}, {}, "Authenticated", 0);
}

void BinaryResponder::auth_failed() {
    failure(BinaryStatus::auth_error);
}

void BinaryResponder::error(ErrorKind kind, std::string_view text) {
    switch (kind) {
        case ErrorKind::generic:
            return failure(BinaryStatus::unknown_command, text);
        case ErrorKind::client:
            return failure(BinaryStatus::invalid_arguments, text);
        case ErrorKind::server:
            return failure(BinaryStatus::internal_error, text);
        case ErrorKind::non_numeric:
            return failure(BinaryStatus::non_numeric);
        case ErrorKind::too_large:
            return failure(BinaryStatus::value_too_large);
        case ErrorKind::out_of_memory:
            return failure(BinaryStatus::out_of_memory);
        case ErrorKind::invalid_arguments:
            return failure(BinaryStatus::invalid_arguments);
        case ErrorKind::unknown_command:
            return failure(BinaryStatus::unknown_command);
    }
}

}  // namespace larder::memcache
