// What a shard reports after each change to its table: the seam for the replication log.
// Records describe effects, not commands (INCR becomes a set of the new text, a lazily found
// expired key becomes an expire), so a replica applying them needs no clock or parser.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "store/types.h"

namespace larder::store {

enum class MutationKind : uint8_t {
    set,       // key now holds data with the given metadata
    append,    // data was appended to key's value; metadata as given
    prepend,   // data was prepended
    touch,     // only key's expiry changed, to expire_at_ms
    del,       // key was deleted by a command
    expire,    // key was reclaimed because its TTL or a delayed flush passed
    flush,     // the shard was emptied (and any delayed flush cancelled)
    flush_at,  // items written before expire_at_ms become invalid once that time comes
    evict,     // key was removed to keep the shard under its share of maxmemory
    // key now holds `collection` (a hash, list, set or zset of `type`), the whole value,
    // with expire_at_ms: after it was created, replaced or changed in place. A replica
    // applies it by storing a clone.
    store_collection,
};

class Collection;

struct Mutation {
    MutationKind kind = MutationKind::set;
    std::string_view key{};    // empty for flush and flush_at
    std::string_view data{};   // set: the whole value; append/prepend: the bytes added
    uint32_t flags = 0;        // resulting item: set, append, prepend
    uint64_t cas = 0;          // resulting item's CAS: set, append, prepend, touch
    int64_t expire_at_ms = 0;  // resulting expiry (0 = none); flush_at: the deadline
    int64_t now_ms = 0;        // the store's time when it happened
    ValueType type = ValueType::string;
    const Collection* collection = nullptr;  // store_collection only
};

class MutationSink {
  public:
    virtual ~MutationSink() = default;
    // Called with the shard locked, right after the shard applied `m`, from whichever
    // thread made the change, so implementations must be thread-safe and must not call
    // back into the store. `seq` comes from one store-wide counter taken under the shard
    // lock, so it strictly increases within a shard and never repeats across shards.
    // The views in `m` are valid only during the call.
    virtual void on_mutation(uint64_t seq, size_t shard, const Mutation& m) = 0;
};

// The default sink: a store with no replication.
MutationSink& null_mutation_sink();

}  // namespace larder::store
