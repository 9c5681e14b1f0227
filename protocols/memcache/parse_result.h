// The outcome of one incremental parse step, shared by the text and binary parsers, so the
// daemon drives both with the same loop: ok -> handle the request; need_more -> read more;
// error -> write `reply`; skip -> drop bytes silently. In every case drop `consumed` bytes
// from the front of the input before the next call, and close after writing when `close`.
#pragma once

#include <cstddef>
#include <string_view>

namespace larder::memcache {

enum class ParseStatus {
    ok,         // a whole request is in the output argument
    need_more,  // consumed == 0: call again with the same bytes plus more
    error,      // reply (possibly empty, e.g. under noreply) is what memcached would send
    skip,       // bytes memcached discards (the rest of an oversized value); no reply
};

struct ParseResult {
    ParseStatus status = ParseStatus::need_more;
    size_t consumed = 0;
    // Valid until the parser's next call; for the text parser it is always a literal.
    std::string_view reply;
    // Close the connection once `reply` (and, for ok, the request's reply) is written.
    bool close = false;
    // A set was refused as too large: memcached then deletes the key's old value so that no
    // stale data outlives a failed overwrite. The request's key names it (a view into the
    // input, valid until `consumed` bytes are dropped).
    bool invalidate_key = false;
};

}  // namespace larder::memcache
