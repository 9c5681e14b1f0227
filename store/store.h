// The store both protocols call: one keyspace, split into shards that each have their own
// lock. Every operation is atomic with respect to every other; multi-key operations lock
// their shards in ascending order, so they are atomic to readers and cannot deadlock.
// All methods are thread-safe.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "store/clock.h"
#include "store/collections/collection.h"
#include "store/function_ref.h"
#include "store/key_ref.h"
#include "store/mutation.h"
#include "store/types.h"

namespace larder::store {

class Shard;
struct ShardContext;

struct Config {
    size_t shard_count = 64;       // a power of two; the constructor throws otherwise
    const Clock* clock = nullptr;  // nullptr = the system clock; must outlive the store
    MutationSink* sink = nullptr;  // nullptr = no-op; must outlive the store
    // Redis's proto-max-bulk-len default. Writes that would make a value longer than this
    // (a set, or an append that grows one) fail with Status::too_large.
    size_t max_value_bytes = size_t{512} * 1024 * 1024;
    // The initial values of the settings below (Store::set_maxmemory etc.).
    uint64_t maxmemory = 0;  // bytes; 0 = no limit
    EvictionPolicy eviction_policy = EvictionPolicy::noeviction;
    uint32_t maxmemory_samples = 5;
    int lfu_log_factor = 10;
    int lfu_decay_time = 1;  // minutes
    // Seeds the key hash. Unset: a random seed per store, so keys cannot be chosen to
    // collide in the hash table; set it only for reproducible experiments.
    std::optional<uint64_t> hash_seed{};
};

// incr_unsigned's create-if-missing arguments. Declared outside Store (and aliased as
// Store::CounterCreate) because a nested struct's member initializers cannot serve a default
// argument inside the same class.
struct CounterCreate {
    bool create = false;
    uint64_t initial = 0;
    ExpiryMode expiry = ExpiryMode::clear;
    int64_t expire_at_ms = 0;
};

// Read callbacks run with the key's shard locked and must not call back into the store.
using ItemCallback = FunctionRef<void(const ItemView&)>;
using KeyFunction = FunctionRef<void(KeyRef&)>;
// Called with the key's shard locked; must not call back into the store.
using KeyVisitor = FunctionRef<void(std::string_view key, ValueType type)>;
// keys[i]'s KeyRef is refs[i]; a key given twice has one KeyRef, at both places.
using KeysFunction = FunctionRef<void(std::span<KeyRef* const> refs)>;

class Store {
  public:
    explicit Store(Config config = {});
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // ---- the locked-key primitive (key_ref.h) ---------------------------------------------
    // Runs fn on key with its shard locked; a present key counts as accessed (LRU/LFU).
    void with_key(std::string_view key, KeyFunction fn);
    // Runs fn on several keys at once, their shards locked in ascending order (so two such
    // calls cannot deadlock), atomically to every other operation.
    void with_keys(std::span<const std::string_view> keys, KeysFunction fn);
    // ---- walking the keyspace ----------------------------------------------------------------
    // SCAN: visits about `count` live keys from `cursor` (0 to start) and returns the next
    // cursor (0 when done). Every key present for the whole scan is visited at least once,
    // however tables resize in between; a key may be visited twice. Locks one shard at a time.
    uint64_t scan(uint64_t cursor, size_t count, KeyVisitor fn);
    // KEYS: every live key, one shard at a time.
    void for_each_key(KeyVisitor fn);
    // RANDOMKEY: a live key chosen at random, or nullopt when there is none.
    std::optional<std::string> random_key();

    // Redis's encoding thresholds (hash-max-listpack-entries, ...), for later writes.
    void set_collection_limits(const CollectionLimits& limits);

    // Calls fn if key is present and live; returns whether it was. An expired key found
    // here is deleted (lazy expiry). With CasUse::none the view's cas is 0 unless the item
    // already keeps one; RESP GET and memcached text get should pass it, gets should not.
    bool get(std::string_view key, ItemCallback fn, CasUse cas_use = CasUse::need);
    // memcached gat/gats, RESP GETEX: changes the expiry (keep = leave it), then calls fn
    // with the updated item. A time <= now still calls fn, then deletes the key. The CAS is
    // kept, as memcached does.
    bool get_and_touch(std::string_view key, ExpiryMode mode, int64_t expire_at_ms, ItemCallback fn,
                       CasUse cas_use = CasUse::need);

    // Writes key = value with flags and expiry from options, subject to its condition.
    // An expiry at a time <= now succeeds and leaves the key gone (memcached negative
    // exptime, Redis PXAT in the past); the result's cas is then 0.
    SetResult set(std::string_view key, std::string_view value, const SetOptions& options);
    bool del(std::string_view key);
    // memcached binary DELETE with a CAS: not_found if missing, exists if the item's CAS
    // differs (the item stays), ok once deleted.
    Status del_if_cas(std::string_view key, uint64_t cas);
    bool exists(std::string_view key);

    // RESP INCRBY/DECRBY/INCR/DECR: a missing key counts as 0 and is created with no TTL
    // and flags 0; an existing value must pass parse_redis_int64 (not_a_number otherwise);
    // a result outside int64 is overflow. Keeps flags and TTL.
    CounterResult incr_signed(std::string_view key, int64_t delta, CasUse cas_use = CasUse::need);

    // memcached incr/decr: unsigned 64-bit; incr wraps, decr floors at 0. The value must
    // pass parse_memcached_uint64 (not_a_number otherwise). A missing key is not_found
    // unless create.create, which stores create.initial (not initial ± delta) with the given
    // expiry and flags 0 (binary protocol and meta autovivify). A non-zero `cas` must match
    // an existing item's (exists otherwise); as in memcached, it does not stop a create.
    // The stored result is plain decimal text (no space padding); keeps flags and TTL.
    using CounterCreate = store::CounterCreate;
    CounterResult incr_unsigned(std::string_view key, uint64_t delta, bool decrement,
                                const CounterCreate& create = {}, uint64_t cas = 0,
                                CasUse cas_use = CasUse::need);

    // APPEND (create_if_missing: creates with flags 0 and no TTL) and memcached
    // append/prepend (missing → not_found). A non-zero cas must match (exists otherwise;
    // not_found if missing). Keeps flags and TTL. value and uvalue hold the new length.
    CounterResult append(std::string_view key, std::string_view data, bool prepend,
                         bool create_if_missing, uint64_t cas = 0, CasUse cas_use = CasUse::need);

    // Sets (at), clears (clear) or leaves (keep) the expiry; false if the key is missing.
    // A time <= now deletes the key and returns true (Redis EXPIRE with a past time).
    // Keeps the CAS, as memcached touch does.
    bool touch(std::string_view key, ExpiryMode mode, int64_t expire_at_ms);
    // -2 missing, -1 no expiry, else the remaining milliseconds (> 0).
    int64_t ttl_ms(std::string_view key);
    std::optional<ValueType> type(std::string_view key);

    // Facts about key's item, read without counting as an access (no LRU/LFU update, no
    // CAS added); nullopt if missing. An expired key found here is deleted, as by get().
    // Which of idle_ms / lfu_counter means anything depends on the eviction policy.
    std::optional<ItemFacts> inspect(std::string_view key);

    struct KeyValue {
        std::string_view key, value;
    };
    // MSET: every pair is written with flags 0 and no TTL, in order (a repeated key ends
    // with its last value), atomically to readers. Items keep no CAS (CasUse::none).
    // Under maxmemory the first pair that finds no room stops the write with
    // Status::out_of_memory; the pairs before it stay written.
    Status set_many(std::span<const KeyValue> kvs);
    // MSETNX: writes all pairs only if none of the keys exists; returns whether it wrote.
    bool set_many_if_none_exist(std::span<const KeyValue> kvs);
    // DEL k1 k2 ...: returns how many live keys it deleted (a repeated key counts once).
    size_t del_many(std::span<const std::string_view> keys);

    // Empties every shard, and cancels a pending flush_at.
    void flush();
    // memcached flush_all with a delay: once now >= deadline_ms, every item last written
    // before deadline_ms reads as missing (and is reclaimed when found). A deadline <= now
    // is flush(). A later call replaces a deadline that has not yet come (the last
    // flush_all wins); one that has come keeps covering what it covered.
    void flush_at(int64_t deadline_ms);

    // Keys held, summed without locking; counts expired keys that nothing has reclaimed
    // yet, so it can exceed what reads can see.
    uint64_t size() const;
    Stats stats() const;
    size_t shard_count() const { return shard_mask_ + 1; }
    size_t shard_of(std::string_view key) const;
    // The key's hash under this store's seed (shard_of uses its low bits).
    uint64_t hash_of(std::string_view key) const;

    // ---- memory limit and eviction (CONFIG SET maxmemory, maxmemory-policy, ...) ----------
    // Each shard may hold maxmemory / shard_count() bytes (items and its hash table, at the
    // allocator's real sizes). A write that needs more evicts by the policy first; if the
    // shard is still over its share (noeviction, nothing evictable), it fails with
    // Status::out_of_memory. A write that starts at or under the share may take the shard
    // over by itself, as in Redis, so used memory stays within maxmemory plus one item per
    // shard. Lowering the limit takes effect on each shard's next write or expiry cycle.
    // Thread-safe.
    void set_maxmemory(uint64_t bytes);
    uint64_t maxmemory() const;
    void set_eviction_policy(EvictionPolicy policy);
    EvictionPolicy eviction_policy() const;
    void set_maxmemory_samples(uint32_t samples);  // keys sampled per eviction (min 1)
    void set_lfu_log_factor(int factor);           // Redis lfu-log-factor
    void set_lfu_decay_time(int minutes);          // Redis lfu-decay-time

    // ---- active expiry ---------------------------------------------------------------------
    // One pass of active expiry for worker `worker_index` of `worker_count`: visits the
    // shards with index % worker_count == worker_index (so workers never contend), sampling
    // keys with a TTL and reclaiming expired ones; a shard where more than 10% of a sample
    // had expired is sampled again at once. Stops when every owned shard has been visited
    // or after about time_budget_us; the next call resumes where this one stopped. Call it
    // from each worker's timer, e.g. every 100 ms with a budget of 25000 / worker_count us.
    // Also finishes resizes and meets a lowered maxmemory on shards that see no traffic.
    ExpireCycleStats active_expire_cycle(size_t worker_index, size_t worker_count,
                                         uint64_t time_budget_us);

    // The clock expiry is measured against (the injected one, or the system clock).
    const Clock& clock() const { return *clock_; }

  private:
    // A mutation that would make the key vanish at once (expiry <= now).
    static bool expires_immediately(ExpiryMode mode, int64_t expire_at_ms, int64_t now_ms) {
        return mode == ExpiryMode::at && expire_at_ms <= now_ms;
    }
    Shard& shard_at(uint64_t hash) const;

    static constexpr size_t kExpireCursors = 256;

    const Clock* clock_;
    size_t max_value_bytes_;
    size_t shard_mask_;
    std::unique_ptr<ShardContext> context_;
    std::unique_ptr<Shard[]> shards_;
    std::atomic<uint64_t> maxmemory_{0};
    // Where each worker's next active_expire_cycle starts, indexed by worker % 256.
    std::unique_ptr<std::atomic<uint32_t>[]> expire_cursors_;
};

}  // namespace larder::store
