// Reads one memcached text command line (already framed, without its '\n') into a
// TextRequest, with memcached 1.6's tokenizing, arity, noreply and argument rules. Framing
// (finding lines, waiting for data blocks, swallowing) is TextParser's job; this is the
// pure per-line half, so it can be re-run on the same line at no risk.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "protocols/memcache/limits.h"
#include "protocols/memcache/text_parser.h"

namespace larder::memcache {

struct LineOutcome {
    enum class Kind : uint8_t {
        request,     // complete; no data block
        needs_data,  // a storage command: data_len bytes plus CRLF follow the line
        error,
    };
    Kind kind = Kind::error;
    std::string_view reply;  // error: memcached's line, empty when noreply silences it
    bool close = false;
    bool invalidate_key = false;
    uint64_t swallow = 0;  // error: bytes after the line that memcached reads and discards
    size_t data_len = 0;   // needs_data
};

LineOutcome read_command_line(std::string_view line, const Limits& limits, TextRequest& out);

// memcached's replies for text-protocol errors, in one place.
namespace text_errors {
inline constexpr std::string_view unknown = "ERROR\r\n";
inline constexpr std::string_view bad_format = "CLIENT_ERROR bad command line format\r\n";
inline constexpr std::string_view bad_chunk = "CLIENT_ERROR bad data chunk\r\n";
inline constexpr std::string_view too_large = "SERVER_ERROR object too large for cache\r\n";
inline constexpr std::string_view bad_exptime = "CLIENT_ERROR invalid exptime argument\r\n";
inline constexpr std::string_view bad_delta = "CLIENT_ERROR invalid numeric delta argument\r\n";
inline constexpr std::string_view delete_usage =
    "CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]\r\n";
inline constexpr std::string_view too_many_keys =
    "SERVER_ERROR out of memory writing get response\r\n";
}  // namespace text_errors

}  // namespace larder::memcache
