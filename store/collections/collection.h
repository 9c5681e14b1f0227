// What every collection value (hash, list, set, sorted set) shares: its type, its encoding's
// Redis name, and the memory it owns. A collection lives outside its key's item block; the
// item holds a pointer to it and owns it (Shard frees it with the item). Not thread-safe:
// a collection is only touched with its key's shard locked.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "store/types.h"

namespace larder::store {

// Redis's conversion thresholds (redis.conf names in the comments). A collection reads them
// on each write that could convert it; CONFIG SET changes apply to later writes, as in Redis.
struct CollectionLimits {
    uint32_t hash_max_listpack_entries = 128;  // hash-max-listpack-entries
    uint32_t hash_max_listpack_value = 64;     // hash-max-listpack-value (bytes)
    uint32_t set_max_intset_entries = 512;     // set-max-intset-entries
    uint32_t set_max_listpack_entries = 128;   // set-max-listpack-entries
    uint32_t set_max_listpack_value = 64;      // set-max-listpack-value
    uint32_t zset_max_listpack_entries = 128;  // zset-max-listpack-entries
    uint32_t zset_max_listpack_value = 64;     // zset-max-listpack-value
    // list-max-listpack-size: > 0 caps a list node's entries; -1..-5 caps its bytes at
    // 4, 8, 16, 32, 64 KiB. A list of one node within the cap reports "listpack".
    int32_t list_max_listpack_size = -2;
};

class Collection {
  public:
    virtual ~Collection() = default;
    Collection(const Collection&) = delete;
    Collection& operator=(const Collection&) = delete;

    ValueType type() const { return type_; }
    // Elements: fields for a hash, members for a set or sorted set, entries for a list.
    virtual size_t size() const = 0;
    // Redis's OBJECT ENCODING name for the current encoding: "listpack", "intset",
    // "hashtable", "skiplist" or "quicklist".
    virtual std::string_view encoding() const = 0;
    // The allocator's real size (store/alloc.h block_size) of every block this value owns,
    // itself included. Kept up to date by each mutation; O(1).
    virtual size_t owned_bytes() const = 0;
    // A deep copy in the same encoding (COPY, and a replica's snapshot).
    virtual std::unique_ptr<Collection> clone() const = 0;

  protected:
    explicit Collection(ValueType type) : type_(type) {}

  private:
    ValueType type_;
};

}  // namespace larder::store
