// The vocabulary both protocols use to talk to the store: status codes, the read-only view
// of an item, and the options and results of the mutating operations.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace larder::store {

enum class Status : uint8_t {
    ok,
    not_found,
    exists,         // CAS mismatch (memcached EXISTS)
    not_stored,     // NX/XX condition failed (memcached NOT_STORED)
    not_a_number,   // counter op on a value that does not parse
    overflow,       // signed counter would leave int64
    wrong_type,     // string op on a non-string value
    out_of_memory,  // memory limit reached and nothing could be evicted
    too_large,      // result would exceed Config::max_value_bytes
};

std::string_view to_string(Status);

enum class ValueType : uint8_t {
    string,
    hash,
    list,
    set,
    zset,
};

// Redis's TYPE names: "string", "hash", "list", "set", "zset".
std::string_view to_string(ValueType);

// A look at one item, valid only inside the callback that receives it: the views point into
// the store and the shard stays locked until the callback returns.
struct ItemView {
    std::string_view key{};
    std::string_view value{};
    uint32_t flags = 0;        // memcached client flags; 0 for anything RESP wrote
    uint64_t cas = 0;          // never 0 when the read asked for it (CasUse::need)
    int64_t expire_at_ms = 0;  // 0 = no expiry
    ValueType type = ValueType::string;
};

// What Store::inspect reports about one live item (RESP OBJECT and MEMORY USAGE).
struct ItemFacts {
    bool int_encoded = false;  // the value is kept as a binary integer, not as its text
    size_t value_size = 0;     // the value's length as text
    uint64_t block_bytes = 0;  // the allocator's real size of the item's one block
    uint64_t idle_ms = 0;      // the access field read as an LRU clock: time since last access
    uint32_t lfu_counter = 0;  // the access field read as LFU: the counter after decay
};

enum class SetCondition : uint8_t {
    always,
    if_absent,   // NX, memcached add
    if_present,  // XX, memcached replace
    if_cas,      // memcached cas: missing → not_found, other CAS → exists
};

enum class ExpiryMode : uint8_t {
    clear,  // no TTL afterwards
    keep,   // KEEPTTL: whatever the existing live item had (none if there was no item)
    at,     // expire at expire_at_ms; a time <= now means "gone at once"
};

// Whether the caller will show the item's CAS to a client. CAS costs 8 bytes per item, so
// an item carries one only once someone needed it: a write that returns its CAS
// (memcached binary and meta), or a read that shows it (gets, gats, meta, binary). An item
// written with `none` gets a fresh CAS the first time a reader asks; since that value is
// newer than any CAS handed out before, compare-and-swap stays exact.
enum class CasUse : uint8_t {
    need,  // fill in and keep the CAS (the default: memcached semantics everywhere)
    none,  // RESP, and memcached text commands that never print a CAS
};

// Redis's maxmemory-policy values; to_string gives the Redis spelling.
enum class EvictionPolicy : uint8_t {
    noeviction,
    allkeys_lru,
    allkeys_lfu,
    allkeys_random,
    volatile_lru,
    volatile_lfu,
    volatile_random,
    volatile_ttl,
};

std::string_view to_string(EvictionPolicy);
// Accepts the Redis spelling ("allkeys-lru"), case-insensitively; nullopt otherwise.
std::optional<EvictionPolicy> parse_eviction_policy(std::string_view name);

struct SetOptions {
    SetCondition condition = SetCondition::always;
    ExpiryMode expiry = ExpiryMode::clear;
    int64_t expire_at_ms = 0;  // used when expiry == at
    uint32_t flags = 0;
    uint64_t cas = 0;               // used when condition == if_cas
    bool return_old = false;        // SET ... GET
    CasUse cas_use = CasUse::need;  // none: result.cas is 0 and the item keeps no CAS
};

struct SetResult {
    Status status = Status::ok;
    uint64_t cas = 0;         // the new item's CAS on success; 0 if it expired at once
    bool had_old = false;     // filled only with return_old: a live item was there
    std::string old_value{};  // its value; filled for ok and not_stored alike, as SET NX GET wants
};

struct CounterResult {
    Status status = Status::ok;
    int64_t value = 0;    // incr_signed: the new value; append: the new length
    uint64_t uvalue = 0;  // incr_unsigned: the new value; append: the new length
    uint64_t cas = 0;     // the item's new CAS on success
};

// A snapshot summed over shards without locking them, so the fields may disagree slightly
// with each other under concurrent writes.
struct Stats {
    uint64_t keys = 0;  // includes expired keys not yet reclaimed
    uint64_t keys_with_expiry = 0;
    // The allocator's real size of everything the shards hold: items and hash tables
    // (INFO used_memory, memcached "bytes"). Excludes the daemon's buffers.
    uint64_t used_bytes = 0;
    uint64_t table_bytes = 0;     // the hash tables' part of used_bytes
    uint64_t expired = 0;         // keys reclaimed because their TTL passed (expired_keys)
    uint64_t evicted = 0;         // keys removed to stay under maxmemory (evicted_keys)
    uint64_t maxmemory = 0;       // the limit in force; 0 = none
    uint64_t oom_rejections = 0;  // writes refused with Status::out_of_memory
};

// What one call of Store::active_expire_cycle did.
struct ExpireCycleStats {
    uint64_t sampled = 0;  // keys with a TTL looked at
    uint64_t expired = 0;  // of those, reclaimed
    uint64_t shards_visited = 0;
    bool out_of_time = false;  // stopped by the time budget with work left
};

}  // namespace larder::store
