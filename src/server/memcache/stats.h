// memcached `stats` and binary STAT: the groups memcached 1.6 answers (general, settings,
// items, slabs, sizes, conns, detail, reset), with memcached's stat names in memcached's
// order, so tools that read them by name find every one. Knobs memcached has and Larder does
// not (slab allocator, extstore, LRU segments) report memcached's defaults; the one-keyspace
// store has no slab classes, so items and slabs report one pseudo class (1) holding every
// item. docs/protocols/memcached.md lists which numbers are real.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "src/server/memcache/ops.h"

namespace larder::server::memcache_ops {

enum class StatsGroup : uint8_t {
    general,
    settings,
    items,
    slabs,
    sizes,
    conns,
    reset,
    detail_on,
    detail_off,
    detail_dump,
    detail_usage,  // "stats detail" without a valid subcommand
    cachedump,     // refused: it needs a walk over the keyspace
    unknown,
};

// `stats <args>`: the group memcached's text protocol picks for these tokens.
StatsGroup text_stats_group(std::span<const std::string_view> args);
// Binary STAT with this key (memcached matches some groups by prefix: "resetx" resets).
StatsGroup binary_stats_group(std::string_view key);

// Answers one group. `conn_id` is the asking connection (its `stats conns` state differs).
void answer_stats(Call& c, StatsGroup group, uint64_t conn_id);

// memcached's accounting of one item: header, CAS, key and NUL, value and CRLF, and the
// client flags when not 0. `me` shows it as size=, and it decides the slab class.
uint64_t memcached_item_size(size_t key_len, size_t value_len, uint32_t client_flags);
// The slab class memcached 1.6 (default growth factor 1.25, 48-byte minimum) stores an item
// of this size in, with this item size limit.
uint32_t memcached_slab_class(uint64_t item_size, uint64_t item_size_max);

}  // namespace larder::server::memcache_ops
