// One lock's worth of the keyspace: a table, its lock, its counters and its delayed-flush
// state. The table is reachable only through Shard::Locked, which exists only while the
// lock is held, so "touch the table without the lock" does not compile.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/clock.h"
#include "store/hash.h"
#include "store/item.h"
#include "store/mutation.h"
#include "store/types.h"

namespace larder::store {

// Reads the clock at most once per operation, and only if something needs the time, so a
// GET of a key without TTL never reads it.
class LazyNow {
  public:
    explicit LazyNow(const Clock& clock) : clock_(&clock) {}
    int64_t get() {
        if (!known_) {
            ms_ = clock_->now_ms();
            known_ = true;
        }
        return ms_;
    }

  private:
    const Clock* clock_;
    int64_t ms_ = 0;
    bool known_ = false;
};

// What every shard of one store shares. Owned by the Store; outlives its shards.
struct ShardContext {
    MutationSink* sink = nullptr;
    // One store-wide counter for both replication sequence numbers and CAS values: a
    // mutation's sequence number is unique and fresh, which is all a CAS must be, and it
    // saves a second contended atomic on every write.
    std::atomic<uint64_t> next_seq{1};
};

class alignas(64) Shard {  // aligned so neighbouring shards' locks don't share a cache line
  public:
    class Locked;

    Shard() = default;
    Shard(const Shard&) = delete;
    Shard& operator=(const Shard&) = delete;

    // Called once before first use; shards are built in an array, so they can't take
    // these in a constructor.
    void attach(size_t index, ShardContext* context);

    Locked lock();

    // Read without the lock for stats(); each is exact at some recent moment.
    uint64_t keys() const { return keys_.load(std::memory_order_relaxed); }
    uint64_t keys_with_expiry() const { return keys_with_expiry_.load(std::memory_order_relaxed); }
    uint64_t used_bytes() const { return used_bytes_.load(std::memory_order_relaxed); }
    uint64_t expired() const { return expired_.load(std::memory_order_relaxed); }

  private:
    struct KeyHash {
        using is_transparent = void;
        size_t operator()(std::string_view key) const { return hash_key(key); }
    };
    using Table = std::unordered_map<std::string, Item, KeyHash, std::equal_to<>>;

    std::mutex mutex_;
    Table table_;
    size_t index_ = 0;
    ShardContext* context_ = nullptr;
    // Delayed flush (memcached flush_all N): items written before flushed_before_ are dead;
    // once now reaches flush_deadline_, so are items written before it.
    int64_t flushed_before_ = 0;
    int64_t flush_deadline_ = 0;
    // Written only under mutex_, read without it by stats().
    std::atomic<uint64_t> keys_{0};
    std::atomic<uint64_t> keys_with_expiry_{0};
    std::atomic<uint64_t> used_bytes_{0};
    std::atomic<uint64_t> expired_{0};
};

class Shard::Locked {
  public:
    using Position = Table::iterator;

    explicit Locked(Shard& shard) : shard_(&shard), lock_(shard.mutex_) {}

    size_t index() const { return shard_->index_; }

    // The live item for key, or end(). A dead item (TTL or delayed flush passed) found here
    // is reclaimed through commit() as an expire, and reads as missing.
    Position find(std::string_view key, LazyNow& now);
    bool found(Position p) const { return p != shard_->table_.end(); }
    Position end() const { return shard_->table_.end(); }
    static const Item& item(Position p) { return p->second; }
    static ItemView view(Position p);

    // The one place this shard's state changes, so the replication hook sees every change
    // in the order the shard applied them. Takes the next sequence number, applies `m`,
    // fills m.cas (the new CAS for set/append/prepend, the kept one for touch) and reports
    // `m` to the sink. `p` is the key's position from find(): required for append, prepend,
    // touch, del and expire; end() for a set that creates; ignored for flush and flush_at.
    // Returns m.cas.
    uint64_t commit(Mutation& m, Position p);

  private:
    bool is_dead(const Item& item, LazyNow& now) const;
    void account_insert(std::string_view key, const Item& item);
    void account_erase(std::string_view key, const Item& item);

    Shard* shard_;
    std::unique_lock<std::mutex> lock_;
};

inline Shard::Locked Shard::lock() {
    return Locked(*this);
}

}  // namespace larder::store
