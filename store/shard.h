// One lock's worth of the keyspace: a hash index of compact items, its lock, its memory
// counter, its eviction pool and expiry cursor, and its delayed-flush deadline. The index
// is reachable only through Shard::Locked, which exists only while the lock is held, so
// "touch the table without the lock" does not compile.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string_view>

#include "store/access_clock.h"
#include "store/clock.h"
#include "store/eviction.h"
#include "store/hash.h"
#include "store/hash_index.h"
#include "store/item.h"
#include "store/mutation.h"
#include "store/types.h"

namespace larder::store {

// Reads the clock at most once per operation, and only if something needs the time.
class LazyNow {
  public:
    explicit LazyNow(const Clock& clock) : clock_(&clock) {}
    // A time already read (a mutation carries its own).
    static LazyNow at(int64_t ms) {
        LazyNow now;
        now.ms_ = ms;
        now.known_ = true;
        return now;
    }

    int64_t get() {
        if (!known_) {
            ms_ = clock_->now_ms();
            known_ = true;
        }
        return ms_;
    }

  private:
    LazyNow() = default;

    const Clock* clock_ = nullptr;
    int64_t ms_ = 0;
    bool known_ = false;
};

// What every shard of one store shares. Owned by the Store; outlives its shards. The
// settings are atomics so CONFIG SET can change them while workers run; a shard reads each
// once per use, under its own lock.
struct ShardContext {
    MutationSink* sink = nullptr;
    // One store-wide counter for replication sequence numbers and CAS values: a mutation's
    // sequence number is unique and fresh, which is all a CAS must be. A CAS handed out
    // lazily (CasUse) also takes a number, so the sequence has gaps.
    std::atomic<uint64_t> next_seq{1};
    uint64_t hash_seed = 0;                // set before any shard is used; the key hash's seed
    std::atomic<uint64_t> shard_limit{0};  // maxmemory / shard count; 0 = no limit
    std::atomic<EvictionPolicy> policy{EvictionPolicy::noeviction};
    std::atomic<uint32_t> samples{5};
    std::atomic<int> lfu_log_factor{10};
    std::atomic<int> lfu_decay_minutes{1};
    // CollectionLimits, field by field (Store::set_collection_limits).
    std::atomic<uint32_t> hash_max_listpack_entries{128};
    std::atomic<uint32_t> hash_max_listpack_value{64};
    std::atomic<uint32_t> set_max_intset_entries{512};
    std::atomic<uint32_t> set_max_listpack_entries{128};
    std::atomic<uint32_t> set_max_listpack_value{64};
    std::atomic<uint32_t> zset_max_listpack_entries{128};
    std::atomic<uint32_t> zset_max_listpack_value{64};
    std::atomic<int32_t> list_max_listpack_size{-2};
};

class alignas(64) Shard {  // aligned so neighbouring shards' locks don't share a cache line
  public:
    class Locked;

    Shard() = default;
    Shard(const Shard&) = delete;
    Shard& operator=(const Shard&) = delete;
    ~Shard();

    // Called once before first use; shards are built in an array, so they can't take
    // these in a constructor.
    void attach(size_t index, ShardContext* context);

    Locked lock();

    // Read without the lock for stats(); each is exact at some recent moment.
    uint64_t keys() const { return keys_.load(std::memory_order_relaxed); }
    uint64_t keys_with_expiry() const { return keys_with_expiry_.load(std::memory_order_relaxed); }
    uint64_t used_bytes() const { return used_bytes_.load(std::memory_order_relaxed); }
    uint64_t table_bytes() const { return table_bytes_.load(std::memory_order_relaxed); }
    uint64_t expired() const { return expired_.load(std::memory_order_relaxed); }
    uint64_t evicted() const { return evicted_.load(std::memory_order_relaxed); }
    uint64_t oom_rejections() const { return oom_.load(std::memory_order_relaxed); }

  private:
    // Every change to the table or its items: counters to publish, positions to re-find.
    void mark_changed() {
        dirty_ = true;
        ++epoch_;
    }

    std::mutex mutex_;
    HashIndex index_;
    size_t index_number_ = 0;
    ShardContext* context_ = nullptr;
    uint64_t item_bytes_ = 0;     // real sizes of the items' blocks
    uint64_t with_expiry_ = 0;    // items that have an expiry
    int64_t flush_deadline_ = 0;  // memcached flush_all N: empty the shard at this time
    EvictionPool pool_;
    uint64_t random_state_ = 0;
    uint32_t expire_cursor_ = 0;    // next bucket the active expiry cycle scans
    uint32_t volatile_cursor_ = 0;  // next bucket volatile-* eviction samples
    bool dirty_ = false;            // the published counters below are stale
    uint64_t epoch_ = 0;            // bumped by mark_changed(); Positions found before are stale
    // Written only under mutex_, read without it by stats().
    std::atomic<uint64_t> keys_{0};
    std::atomic<uint64_t> keys_with_expiry_{0};
    std::atomic<uint64_t> used_bytes_{0};
    std::atomic<uint64_t> table_bytes_{0};
    std::atomic<uint64_t> expired_{0};
    std::atomic<uint64_t> evicted_{0};
    std::atomic<uint64_t> oom_{0};
};

class Shard::Locked {
  public:
    // A key's place in the shard: its item (nullptr when absent), its slot and its hash.
    // Valid until the next call that changes the shard.
    struct Position {
        Item* item = nullptr;
        HashIndex::Position where{};
        uint64_t hash = 0;
    };

    explicit Locked(Shard& shard) : shard_(&shard), lock_(shard.mutex_) {}
    Locked(Locked&& other) noexcept : shard_(other.shard_), lock_(std::move(other.lock_)) {}
    Locked& operator=(Locked&&) = delete;
    ~Locked() {
        if (lock_.owns_lock() && shard_->dirty_) publish();
    }

    size_t index() const { return shard_->index_number_; }

    // The live item for key (hash = Store::hash_of(key)), or a position that is not found(). A
    // dead item (TTL passed) found here is reclaimed through commit() as an expire. Also
    // does the shard's due housekeeping first: a passed flush deadline, a resize step.
    Position find(std::string_view key, uint64_t hash, LazyNow& now);
    static bool found(const Position& p) { return p.item != nullptr; }
    // A position for a key that is not there (flush and flush_at ignore it).
    static Position end() { return {}; }
    static const Item& item(const Position& p) { return *p.item; }
    // The view readers get; `buffer` (kMaxDecimalLength bytes) holds an integer's text.
    static ItemView view(const Position& p, char* buffer);

    // A read of the key: refreshes its LRU clock or LFU counter.
    void note_access(Position& p, LazyNow& now);
    // Gives the item a CAS if it has none (CasUse), and returns it. Changes how the item
    // is stored, not what it holds, so no mutation is reported.
    uint64_t ensure_cas(Position& p, LazyNow& now);

    // The one place this shard's contents change, so the replication hook sees every change
    // in the order the shard applied them. Applies `m`, takes the next sequence number,
    // fills m.cas (set/append/prepend: the new CAS, or 0 with CasUse::none; touch: the kept
    // one) and reports `m` to the sink. `p` is the key's position from find(): the item for
    // append, prepend, touch, del and expire, not found() for a set that creates; ignored
    // for flush and flush_at; updated when the item moves. Writes that need memory may
    // first evict other keys (each reported as an evict); if the shard's share of maxmemory
    // cannot be met, nothing changes and the result is Status::out_of_memory.
    Status commit(Mutation& m, Position& p, CasUse cas_use = CasUse::need);

    // The same path for collection values (m.kind == store_collection, m.collection set):
    // - `fresh` non-null: p's key now holds it (creating the key, or replacing any value,
    //   whose collection is freed), with expiry m.expire_at_ms; the item takes ownership.
    //   May fail with out_of_memory (then `fresh` is untouched).
    // - `fresh` null: p's collection (m.collection) was changed in place; `owned_before` is
    //   its owned_bytes() before the change, so the shard's count follows it. Never fails.
    Status commit_collection(Mutation& m, Position& p, std::unique_ptr<Collection>& fresh,
                             size_t owned_before = 0);
    // Counts an in-place change of a collection this shard holds: its owned_bytes() went
    // from `owned_before` to what it is now. (commit_collection does this itself.)
    void count_edit(const Collection& value, size_t owned_before);
    // Deletes p's key (reported as a del) but hands its collection to the caller instead of
    // freeing it (RENAME, MOVE).
    std::unique_ptr<Collection> release_collection(Position& p, LazyNow& now);
    // A write's maxmemory check (see reserve), counting a refusal.
    Status reserve_for_write(uint64_t bytes, LazyNow& now, const Position& p);
    // Changes when anything in the shard does: a Position found under an older epoch must be
    // found again.
    uint64_t epoch() const { return shard_->epoch_; }
    const ShardContext& context() const { return *shard_->context_; }
    size_t size() const { return shard_->index_.size(); }
    // Calls fn(const Item&) for every item whose hash's high 32 bits are in [from, to),
    // expired ones included (the caller skips them: nothing is reclaimed during a visit).
    template <class Fn>
    void for_each_in_hash_range(uint64_t from, uint64_t to, Fn&& fn) {
        const uint64_t seed = shard_->context_->hash_seed;
        shard_->index_.for_each_in_hash_range(from, to, [&](const Item* item) {
            const uint64_t high = hash_key(item->key(), seed) >> 32;
            if (high >= from && high < to) fn(*item);
        });
    }
    // Calls fn(const Item&) for every item, expired ones included.
    template <class Fn>
    void for_each_item(Fn&& fn) {
        shard_->index_.for_each([&](const Item* item) { fn(*item); });
    }
    // A live item chosen at random, or nullptr (an empty shard, or only expired items met).
    const Item* random_item(LazyNow& now);
    uint64_t random() { return (uint64_t{next_random()} << 32) | next_random(); }

    // One step of active expiry: scans buckets from the shard's cursor, reclaiming expired
    // keys, until it has looked at `samples` keys with a TTL or scanned a bounded number of
    // buckets. Also does housekeeping a quiet shard would otherwise never get (resize steps,
    // a passed flush deadline, eviction after maxmemory was lowered).
    struct ExpireStep {
        uint64_t sampled = 0;
        uint64_t expired = 0;
    };
    ExpireStep active_expire_step(LazyNow& now, size_t samples);

  private:
    uint32_t next_random();
    void publish();
    void housekeeping(LazyNow& now);
    void fire_flush_deadline(LazyNow& now);
    void empty_shard();
    uint64_t limit() const;
    uint64_t used() const { return shard_->item_bytes_ + shard_->index_.allocated_bytes(); }
    Status reserve(uint64_t bytes, LazyNow& now, const Item* protect);
    bool evict_one(LazyNow& now, const Item* protect);
    Item* pick_victim(EvictionPolicy policy, LazyNow& now, const Item* protect);
    uint64_t eviction_score(EvictionPolicy policy, const Item& item, LazyNow& now) const;
    Status append_in_place(Mutation& m, Position& p, uint32_t access);
    Status place_new_key(uint64_t hash, uint64_t item_bytes, LazyNow& now,
                         HashIndex::Position& where, bool& in_second);
    bool evict_from_buckets_of(uint64_t hash, LazyNow& now);
    void remove(Position& p, MutationKind kind, LazyNow& now);
    void erase(Position& p, bool destroy_value = true);
    void remove_item(Item* item, MutationKind kind, LazyNow& now);
    Item* allocate_item(const ItemSpec& spec);
    // Frees the item's block; with destroy_value also the collection it owns.
    void free_item(Item* item, bool destroy_value = true);
    void swap_item(Position& p, Item* replacement);
    void report(Mutation& m);

    Shard* shard_;
    std::unique_lock<std::mutex> lock_;
};

inline Shard::Locked Shard::lock() {
    return Locked(*this);
}

}  // namespace larder::store
