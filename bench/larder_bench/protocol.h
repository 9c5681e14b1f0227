// Wire encoders for GET/SET and incremental reply scanners, for RESP, memcached text,
// memcached meta and memcached binary. Self-contained on purpose: the load generator must
// not share code (or bugs) with the server it measures.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace larder_bench {

enum class Protocol { kResp, kText, kMeta, kBinary };
const char* protocol_name(Protocol p);
bool parse_protocol(std::string_view s, Protocol* out);

enum class Op : uint8_t { kGet, kSet };

// What one reply said, before it is matched with the request it answers.
enum class ReplyClass : uint8_t {
  kValue,  // a value came back (GET hit)
  kNull,   // no value (GET miss; SET not performed in RESP)
  kOk,     // success without a value (STORED, HD, +OK, binary status 0 without body)
  kFail,   // a clean refusal: NOT_STORED, EXISTS, NOT_FOUND, NS, EX, NF, binary non-0 other than "not found"
  kError,  // an error reply: -ERR, ERROR, CLIENT_ERROR, SERVER_ERROR, binary errors
};

// Appends one request. `value` is only used for SETs (its whole length is sent).
void encode_request(Protocol p, Op op, std::string_view key, std::string_view value, std::string* out);

// Scans one complete reply at the front of [data, data+n).
//   returns > 0: that many bytes form one reply, *cls says what it was;
//   returns 0:   the reply is not complete yet (read more);
//   returns kGarbage: the bytes cannot be a reply of this protocol.
inline constexpr std::size_t kGarbage = static_cast<std::size_t>(-1);
std::size_t scan_reply(Protocol p, const char* data, std::size_t n, ReplyClass* cls);

}  // namespace larder_bench
