// Incremental parser for the classic memcached text protocol (memcached 1.6 semantics,
// byte for byte): turns the unconsumed bytes of a connection into one TextRequest at a time,
// or into the exact error line memcached would send. Owns no buffer: requests are views
// into the caller's input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "protocols/memcache/commands.h"
#include "protocols/memcache/limits.h"
#include "protocols/memcache/meta_request.h"
#include "protocols/memcache/parse_result.h"

namespace larder::memcache {

// One text command. Views point into the input given to TextParser::parse and stay valid
// until the caller drops the result's `consumed` bytes (or moves its buffer).
struct TextRequest {
    TextCommand cmd = TextCommand::get;
    // get/gets/gat/gats: every key; other keyed commands: keys[0].
    std::vector<std::string_view> keys;
    uint32_t flags = 0;
    // Storage, touch, gat/gats exptime; flush_all delay. Read as memcached does (32-bit
    // signed, wrapping), negative means already expired.
    int64_t exptime = 0;
    uint64_t cas_unique = 0;
    // incr/decr delta; verbosity level.
    uint64_t delta = 0;
    bool noreply = false;
    // Storage commands: the data block without its CRLF.
    std::string_view data;
    // Tokens after the command name for stats, flush_all and verbosity (and version/quit,
    // which ignore them). At most 22, as memcached tokenizes no further.
    std::vector<std::string_view> args;
    // Meta commands: the key, flags and flag values. keys[0] is meta.key, so a TextRequest
    // holding a decoded base64 key must not be copied or moved while its views are in use.
    MetaRequest meta;

    std::string_view key() const { return keys.empty() ? std::string_view{} : keys[0]; }
};

// Contract for parse(): `input` is all unconsumed bytes of the connection. After a result,
// drop its `consumed` bytes; after need_more, call again with the same bytes plus whatever
// arrived (the buffer may move). The parser remembers how far it has scanned, so a value
// or line arriving in many small reads costs O(total bytes), not O(n^2).
class TextParser {
  public:
    explicit TextParser(Limits limits = {}) : limits_(limits) {}

    ParseResult parse(std::string_view input, TextRequest& out);

    void set_limits(Limits limits) { limits_ = limits; }
    const Limits& limits() const { return limits_; }
    // Forgets any partial request (e.g. when a connection object is reused).
    void reset();

  private:
    ParseResult finish_line(std::string_view input, size_t header_len, TextRequest& out);
    bool may_exceed_line_limit(std::string_view partial_line) const;

    Limits limits_;
    size_t scanned_ = 0;  // bytes of the current line already searched for '\n'
    bool awaiting_data_ = false;
    size_t header_len_ = 0;  // while awaiting_data_: the command line, '\n' included
    size_t data_len_ = 0;    // while awaiting_data_: the data block, CRLF excluded
    uint64_t swallow_ = 0;   // bytes of a refused value still to discard
};

}  // namespace larder::memcache
