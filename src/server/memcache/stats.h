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

// Answers one group to the asking connection (`conn_id`: its `stats conns` state differs),
// ending the reply as that group does (a listing with END, reset with RESET, ...).
using StatsAnswer = void (*)(Call& c, uint64_t conn_id);

// How binary STAT's key picks a group (memcached's process_bin_stat).
enum class BinaryStatsMatch : uint8_t {
    none,    // not offered over binary: memcached answers Not found (`conns`, `cachedump`)
    exact,   // the key is `binary_key` ("items"; "" for the general group)
    prefix,  // the key starts with `binary_key`, as memcached's strncmp: "resetx" resets
};

// One row of the stats table: a group, how each protocol names it, and its answer. Adding
// a group is adding a row to stats_groups(); nothing else names groups.
struct StatsGroup {
    std::string_view name;  // for tests and readers: "settings", "detail on", ...
    // Text `stats <text> [<text_sub>]`. An empty `text` is `stats` alone; an empty
    // `text_sub` takes any second token or none. Tokens past the ones checked are ignored,
    // as in memcached.
    std::string_view text;
    std::string_view text_sub;
    BinaryStatsMatch binary;
    std::string_view binary_key;
    StatsAnswer answer;
};

// Every group, in lookup order: the first row that matches wins (so `stats detail` with a
// subcommand other than on/off/dump falls to the usage row after them).
std::span<const StatsGroup> stats_groups();
// What names no row: text ERROR, binary Not found.
const StatsGroup& unknown_stats_group();

// `stats <args>`: the group memcached's text protocol picks for these tokens.
const StatsGroup& text_stats_group(std::span<const std::string_view> args);
// Binary STAT with this key.
const StatsGroup& binary_stats_group(std::string_view key);

// Answers `group` (group.answer, spelled for the call sites).
void answer_stats(Call& c, const StatsGroup& group, uint64_t conn_id);

// memcached's accounting of one item: header, CAS, key and NUL, value and CRLF, and the
// client flags when not 0. `me` shows it as size=, and it decides the slab class.
uint64_t memcached_item_size(size_t key_len, size_t value_len, uint32_t client_flags);
// The slab class memcached 1.6 (default growth factor 1.25, 48-byte minimum) stores an item
// of this size in, with this item size limit.
uint32_t memcached_slab_class(uint64_t item_size, uint64_t item_size_max);

}  // namespace larder::server::memcache_ops
