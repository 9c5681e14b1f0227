// Size limits shared by the memcached text and binary parsers, and the rule that decides
// whether an item is too large, measured against memcached 1.6 so that clients probing the
// boundary see the same answer from Larder as from memcached.
#pragma once

#include <cstddef>
#include <cstdint>

namespace larder::memcache {

struct Limits {
    // memcached's -I (item_size_max); see exceeds_item_size for what counts against it.
    size_t max_item_size = 1024 * 1024;
    // memcached's KEY_MAX_LENGTH.
    size_t max_key_len = 250;
    // A command line (bytes before its '\n') longer than this closes the connection, as
    // memcached does when 2048 bytes arrive without a newline. Retrieval lines are exempt
    // (memcached grows its buffer for multigets) up to retrieval_line_limit().
    size_t max_line_len = 2048;
    // Keys in one get/gets/gat/gats line. memcached has no limit; Larder needs one so that a
    // multiget's line buffer stays bounded. Beyond it: SERVER_ERROR, as memcached answers
    // when it cannot hold a multiget's responses.
    size_t max_keys_per_get = 8192;

    // Longest retrieval line accepted before closing: enough for max_keys_per_get keys of
    // max_key_len plus an ordinary line's worth of command, exptime and spacing.
    size_t retrieval_line_limit() const {
        return max_keys_per_get * (max_key_len + 1) + max_line_len;
    }
};

// memcached charges an item with its 48-byte header, an 8-byte CAS, the key and its NUL,
// the value and its CRLF, and 4 bytes of client flags when they are non-zero; an item is
// refused when that total exceeds item_size_max. With the default 1 MiB limit and key "k",
// 1048516 value bytes are stored and 1048517 are not (checked on memcached 1.6.18).
inline constexpr uint64_t kItemOverhead = 48 + 8 + 1 + 2;

inline bool exceeds_item_size(const Limits& limits, size_t key_len, uint32_t flags,
                              uint64_t value_len) {
    uint64_t footprint = kItemOverhead + key_len + value_len + (flags != 0 ? 4 : 0);
    return footprint > limits.max_item_size;
}

}  // namespace larder::memcache
