#include "store/shard.h"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <limits>

#include "store/alloc.h"
#include "store/collections/collection.h"
#include "store/hash.h"
#include "store/number.h"

namespace larder::store {
namespace {

// How many buckets one eviction sample or one expiry step may scan, so that a shard whose
// keys mostly lack a TTL cannot make a volatile-* eviction or an expiry step unbounded.
constexpr uint32_t kMaxSampleBuckets = 1024;
constexpr uint32_t kMinExpireScanBuckets = 16;
// The most keys one eviction samples (maxmemory-samples is clamped to this).
constexpr uint32_t kMaxSamples = 64;
// Buckets one expiry step moves when a resize runs (on top of the usual per-op step).
constexpr size_t kExpireStepMigrateBuckets = 16;
// Evictions one expiry step may do for a shard left over its share by a lowered maxmemory.
constexpr int kMaxEvictionsPerStep = 64;

uint64_t block_bytes(const Item* item) {
    return block_size(item, item->size());
}

// Counters are written only under the shard lock, so a plain load+store is enough and
// avoids a locked read-modify-write; readers only need some recent value.
void bump(std::atomic<uint64_t>& counter) {
    counter.store(counter.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
}

// The item's fields as a spec, to rebuild it with one thing changed.
ItemSpec spec_of(const Item& item) {
    return ItemSpec{.key = item.key(),
                    .value = item.stored_value(),
                    .kind = item.kind(),
                    .expire_at_ms = item.expire_at_ms(),
                    .flags = item.flags(),
                    .has_cas = item.has_cas(),
                    .cas = item.cas(),
                    .access = item.access()};
}

LfuSettings lfu_settings(const ShardContext& c) {
    return LfuSettings{.log_factor = c.lfu_log_factor.load(std::memory_order_relaxed),
                       .decay_minutes = c.lfu_decay_minutes.load(std::memory_order_relaxed)};
}

// Frees an item's block and the collection it owns (the shard's counters are the caller's).
void destroy_item(Item* item) {
    delete item->collection();
    free_block(item);
}

}  // namespace

Shard::~Shard() {
    index_.for_each([](Item* item) { destroy_item(item); });
    index_.release();
}

void Shard::attach(size_t index, ShardContext* context) {
    index_number_ = index;
    context_ = context;
    index_.set_hash_seed(context->hash_seed);
    // Any odd-looking non-zero seed works for xorshift; spread the shards apart.
    random_state_ = (index + 1) * 0x9E3779B97F4A7C15ULL;
}

uint32_t Shard::Locked::next_random() {
    uint64_t x = shard_->random_state_;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    shard_->random_state_ = x;
    return static_cast<uint32_t>((x * 0x2545F4914F6CDD1DULL) >> 32);
}

void Shard::Locked::publish() {
    Shard& s = *shard_;
    s.keys_.store(s.index_.size(), std::memory_order_relaxed);
    s.keys_with_expiry_.store(s.with_expiry_, std::memory_order_relaxed);
    s.used_bytes_.store(used(), std::memory_order_relaxed);
    s.table_bytes_.store(s.index_.allocated_bytes(), std::memory_order_relaxed);
    s.dirty_ = false;
}

uint64_t Shard::Locked::limit() const {
    return shard_->context_->shard_limit.load(std::memory_order_relaxed);
}

void Shard::Locked::report(Mutation& m) {
    // Relaxed is enough: the lock orders this shard's increments, and the counter's single
    // modification order makes every value unique.
    const uint64_t seq = shard_->context_->next_seq.fetch_add(1, std::memory_order_relaxed);
    shard_->context_->sink->on_mutation(seq, shard_->index_number_, m);
}

// ---- items -------------------------------------------------------------------------------

Item* Shard::Locked::allocate_item(const ItemSpec& spec) {
    const size_t size = item_size(spec);
    Item* item = build_item(alloc_block(size), spec);
    shard_->item_bytes_ += block_bytes(item);
    if (item->has_expiry()) ++shard_->with_expiry_;
    shard_->mark_changed();
    return item;
}

void Shard::Locked::free_item(Item* item, bool destroy_value) {
    Shard& s = *shard_;
    s.pool_.forget(item);
    s.item_bytes_ -= block_bytes(item);
    if (item->has_expiry()) --s.with_expiry_;
    if (Collection* value = item->collection(); value != nullptr && destroy_value) {
        s.item_bytes_ -= value->owned_bytes();
        delete value;
    }
    free_block(item);
    s.mark_changed();
}

void Shard::Locked::swap_item(Position& p, Item* replacement) {
    shard_->index_.replace(p.where, replacement, replacement->has_expiry());
    // A rebuilt collection item (new expiry, say) carries the same value on.
    const Collection* kept = p.item->collection();
    free_item(p.item, kept == nullptr || kept != replacement->collection());
    p.item = replacement;
}

void Shard::Locked::remove(Position& p, MutationKind kind, LazyNow& now) {
    Mutation m{.kind = kind, .key = p.item->key(), .now_ms = now.get()};
    report(m);  // before freeing: m.key views the item's own bytes
    erase(p);
}

void Shard::Locked::erase(Position& p, bool destroy_value) {
    HashIndex& index = shard_->index_;
    index.erase(p.where);
    free_item(p.item, destroy_value);
    p.item = nullptr;
    // An emptied shard gives its table back at once, so an empty store holds nothing.
    if (index.size() == 0) index.release();
}

void Shard::Locked::remove_item(Item* item, MutationKind kind, LazyNow& now) {
    Position p;
    p.hash = hash_key(item->key(), shard_->context_->hash_seed);
    p.item = shard_->index_.find(item->key(), p.hash, p.where);
    assert(p.item == item);
    remove(p, kind, now);
}

// ---- housekeeping ------------------------------------------------------------------------

void Shard::Locked::empty_shard() {
    Shard& s = *shard_;
    s.index_.for_each([](Item* item) { destroy_item(item); });
    s.index_.release();
    s.item_bytes_ = 0;
    s.with_expiry_ = 0;
    s.pool_.clear();
    s.mark_changed();
}

void Shard::Locked::fire_flush_deadline(LazyNow& now) {
    // Every item here was written before now, and now >= the deadline, so all of them are
    // covered: empty the shard rather than remember per-item write times.
    empty_shard();
    shard_->flush_deadline_ = 0;
    Mutation m{.kind = MutationKind::flush, .now_ms = now.get()};
    report(m);
}

void Shard::Locked::housekeeping(LazyNow& now) {
    Shard& s = *shard_;
    if (s.flush_deadline_ != 0 && now.get() >= s.flush_deadline_) fire_flush_deadline(now);
    HashIndex& index = s.index_;
    if (index.resizing()) {
        index.migrate(index.migrate_step());
        s.mark_changed();
    } else if (index.size() == 0) {
        if (index.total_buckets() != 0) {
            index.release();
            s.mark_changed();
        }
    } else if (index.wants_shrink()) {
        const uint32_t buckets = index.shrink_buckets();
        const uint64_t lim = limit();
        if (lim == 0 || used() + BucketTable::bytes_for(buckets) <= lim) {
            index.start_resize(buckets);
            s.mark_changed();
        }
    }
}

// ---- lookups -----------------------------------------------------------------------------

Shard::Locked::Position Shard::Locked::find(std::string_view key, uint64_t hash, LazyNow& now) {
    housekeeping(now);
    Position p;
    p.hash = hash;
    p.item = shard_->index_.find(key, hash, p.where);
    if (p.item != nullptr && p.item->has_expiry() && p.item->expire_at_ms() <= now.get()) {
        bump(shard_->expired_);
        remove(p, MutationKind::expire, now);
    }
    return p;
}

ItemView Shard::Locked::view(const Position& p, char* buffer) {
    const Item& item = *p.item;
    return ItemView{
        .key = item.key(),
        .value = item.kind() == ItemKind::collection ? std::string_view() : item.value_text(buffer),
        .flags = item.flags(),
        .cas = item.cas(),
        .expire_at_ms = item.expire_at_ms(),
        .type = item.type()};
}

void Shard::Locked::note_access(Position& p, LazyNow& now) {
    // With no memory limit nothing reads the field, so skip the clock read.
    if (limit() == 0) return;
    const ShardContext& c = *shard_->context_;
    const bool lfu = uses_lfu(c.policy.load(std::memory_order_relaxed));
    p.item->set_access(
        touched_access(lfu, p.item->access(), now.get(), lfu ? next_random() : 0, lfu_settings(c)));
}

uint64_t Shard::Locked::ensure_cas(Position& p, LazyNow& now) {
    if (p.item->has_cas()) return p.item->cas();
    ItemSpec spec = spec_of(*p.item);
    spec.has_cas = true;
    spec.cas = shard_->context_->next_seq.fetch_add(1, std::memory_order_relaxed);
    const uint64_t old_bytes = block_bytes(p.item);
    const uint64_t new_bytes = expected_block_size(item_size(spec));
    // A read must not fail, so a full shard under noeviction goes over by these few bytes.
    if (new_bytes > old_bytes) (void)reserve(new_bytes - old_bytes, now, p.item);
    swap_item(p, allocate_item(spec));
    return spec.cas;
}

// ---- memory limit and eviction -----------------------------------------------------------

Status Shard::Locked::reserve(uint64_t bytes, LazyNow& now, const Item* protect) {
    const uint64_t lim = limit();
    if (lim == 0 || used() + bytes <= lim) return Status::ok;
    // Evict until the new bytes fit; an item larger than the whole share only needs the
    // shard back under its share.
    const uint64_t target = bytes >= lim ? lim : lim - bytes;
    while (used() > target && evict_one(now, protect)) {
    }
    // Redis's rule: a write is refused only when the shard is already over its share, so
    // one that starts at or under may take it over by itself. Used memory thus stays within
    // maxmemory plus one item per shard, and no value is too big merely for being larger
    // than maxmemory / shard_count.
    return used() <= lim ? Status::ok : Status::out_of_memory;
}

uint64_t Shard::Locked::eviction_score(EvictionPolicy policy, const Item& item,
                                       LazyNow& now) const {
    switch (policy) {
        case EvictionPolicy::allkeys_lfu:
        case EvictionPolicy::volatile_lfu:
            return 255 -
                   lfu_decayed_counter(item.access(), now.get(), lfu_settings(*shard_->context_));
        case EvictionPolicy::volatile_ttl:
            // Sooner expiry = higher score.
            return std::numeric_limits<uint64_t>::max() -
                   static_cast<uint64_t>(item.expire_at_ms());
        default:
            return lru_idle_ms(item.access(), now.get());
    }
}

Item* Shard::Locked::pick_victim(EvictionPolicy policy, LazyNow& now, const Item* protect) {
    Shard& s = *shard_;
    const bool volatile_only = evicts_volatile_only(policy);
    if (s.index_.size() == 0 || (volatile_only && s.with_expiry_ == 0)) return nullptr;
    const uint32_t total = s.index_.total_buckets();
    const uint32_t wanted =
        std::clamp<uint32_t>(s.context_->samples.load(std::memory_order_relaxed), 1, kMaxSamples);
    // allkeys-*: a run of buckets from a random place. volatile-*: continue a cursor, so
    // that sparse TTL keys are found even when few buckets hold one.
    uint32_t b = volatile_only ? s.volatile_cursor_ % total : next_random() % total;
    Item* sampled[kMaxSamples];
    uint32_t got = 0;
    for (uint32_t scanned = 0; got < wanted && scanned < std::min(total, kMaxSampleBuckets);
         ++scanned, b = b + 1 == total ? 0 : b + 1) {
        uint32_t local = b;
        BucketTable& t = s.index_.table_for(local);
        for (uint32_t m = t.occupied_mask(local); m != 0 && got < wanted; m &= m - 1) {
            const BucketTable::Slot slot{local, static_cast<uint32_t>(__builtin_ctz(m))};
            if (volatile_only && !t.has_expiry_at(slot)) continue;
            Item* item = t.item_at(slot);
            if (item == protect) continue;
            sampled[got++] = item;
        }
    }
    if (volatile_only) s.volatile_cursor_ = b;
    if (got == 0) return nullptr;
    if (evicts_randomly(policy)) return sampled[next_random() % got];
    for (uint32_t i = 0; i < got; ++i) {
        s.pool_.offer(sampled[i], eviction_score(policy, *sampled[i], now));
    }
    return s.pool_.take_best(protect);
}

bool Shard::Locked::evict_one(LazyNow& now, const Item* protect) {
    const EvictionPolicy policy = shard_->context_->policy.load(std::memory_order_relaxed);
    if (policy == EvictionPolicy::noeviction) return false;
    Item* victim = pick_victim(policy, now, protect);
    if (victim == nullptr) return false;
    bump(shard_->evicted_);
    remove_item(victim, MutationKind::evict, now);
    return true;
}

bool Shard::Locked::evict_from_buckets_of(uint64_t hash, LazyNow& now) {
    const EvictionPolicy policy = shard_->context_->policy.load(std::memory_order_relaxed);
    if (policy == EvictionPolicy::noeviction) return false;
    const bool volatile_only = evicts_volatile_only(policy);
    Item* victim = nullptr;
    uint64_t best = 0;
    shard_->index_.for_each_candidate(hash, [&](Item* item, bool has_expiry) {
        if (volatile_only && !has_expiry) return;
        const uint64_t score =
            evicts_randomly(policy) ? next_random() : eviction_score(policy, *item, now);
        if (victim == nullptr || score > best) {
            victim = item;
            best = score;
        }
    });
    if (victim == nullptr) return false;
    bump(shard_->evicted_);
    remove_item(victim, MutationKind::evict, now);
    return true;
}

Status Shard::Locked::place_new_key(uint64_t hash, uint64_t item_bytes, LazyNow& now,
                                    HashIndex::Position& where, bool& in_second) {
    HashIndex& index = shard_->index_;
    const uint64_t lim = limit();
    auto try_grow = [&] {
        const uint32_t buckets = index.growth_buckets(next_random());
        if (lim != 0 && used() + item_bytes + BucketTable::bytes_for(buckets) > lim) return false;
        index.start_resize(buckets);
        shard_->mark_changed();
        return true;
    };
    // A table at its load limit grows if memory allows; if not, it runs fuller, and once a
    // key finds no room the key's bucket-mates are the eviction candidates.
    if (index.wants_growth()) try_grow();
    if (index.make_room(hash, where, in_second)) return Status::ok;
    if (index.resizing()) {
        index.rebuild_now(
            static_cast<uint32_t>(index.capacity() / BucketTable::kSlots * 3 / 2 + 1));
        shard_->mark_changed();
        if (index.make_room(hash, where, in_second)) return Status::ok;
    } else if (try_grow() && index.make_room(hash, where, in_second)) {
        return Status::ok;
    }
    if (evict_from_buckets_of(hash, now) && index.make_room(hash, where, in_second)) {
        return Status::ok;
    }
    return Status::out_of_memory;
}

// ---- the mutation path -------------------------------------------------------------------

Status Shard::Locked::commit(Mutation& m, Position& p, CasUse cas_use) {
    Shard& s = *shard_;
    ShardContext& c = *s.context_;
    LazyNow now = LazyNow::at(m.now_ms);
    switch (m.kind) {
        case MutationKind::set:
        case MutationKind::append:
        case MutationKind::prepend: {
            const bool lfu = uses_lfu(c.policy.load(std::memory_order_relaxed));
            ItemSpec spec{.key = m.key,
                          .expire_at_ms = m.expire_at_ms,
                          .flags = m.flags,
                          .has_cas = cas_use == CasUse::need};
            spec.access = found(p) ? touched_access(lfu, p.item->access(), m.now_ms,
                                                    lfu ? next_random() : 0, lfu_settings(c))
                                   : fresh_access(lfu, m.now_ms);
            char scratch[8];
            char old_text_buffer[kMaxDecimalLength];
            char joined[kMaxDecimalLength];
            if (m.kind == MutationKind::set) {
                const EncodedValue encoded = encode_string_value(m.data, scratch);
                spec.kind = encoded.kind;
                spec.value = encoded.bytes;
            } else {
                assert(found(p));
                const std::string_view old_text = p.item->value_text(old_text_buffer);
                const bool append = m.kind == MutationKind::append;
                spec.value = append ? old_text : m.data;
                spec.value_tail = append ? m.data : old_text;
                const size_t length = old_text.size() + m.data.size();
                if (length <= kMaxDecimalLength) {
                    // Short results may be numbers: store them the way a set would.
                    std::memcpy(joined, spec.value.data(), spec.value.size());
                    std::memcpy(joined + spec.value.size(), spec.value_tail.data(),
                                spec.value_tail.size());
                    const EncodedValue encoded =
                        encode_string_value(std::string_view(joined, length), scratch);
                    spec.kind = encoded.kind;
                    spec.value = encoded.bytes;
                    spec.value_tail = {};
                } else if (append && p.item->kind() == ItemKind::string_raw &&
                           p.item->can_extend_in_place(m.data.size()) &&
                           p.item->has_cas() == spec.has_cas &&
                           p.item->expire_at_ms() == m.expire_at_ms && p.item->flags() == m.flags) {
                    return append_in_place(m, p, spec.access);
                }
            }
            const uint64_t new_bytes = expected_block_size(item_size(spec));
            const uint64_t old_bytes = found(p) ? block_bytes(p.item) : 0;
            if (new_bytes > old_bytes) {
                if (const Status st = reserve(new_bytes - old_bytes, now, p.item);
                    st != Status::ok) {
                    bump(s.oom_);
                    return st;
                }
            }
            HashIndex::Position where;
            bool in_second = false;
            if (!found(p)) {
                if (const Status st = place_new_key(p.hash, new_bytes, now, where, in_second);
                    st != Status::ok) {
                    bump(s.oom_);
                    return st;
                }
            }
            const uint64_t seq = c.next_seq.fetch_add(1, std::memory_order_relaxed);
            spec.cas = spec.has_cas ? seq : 0;
            m.cas = spec.cas;
            Item* fresh = allocate_item(spec);
            if (found(p)) {
                swap_item(p, fresh);
            } else {
                s.index_.fill(where, fresh, p.hash, in_second, fresh->has_expiry());
                p.item = fresh;
                p.where = where;
            }
            c.sink->on_mutation(seq, s.index_number_, m);
            return Status::ok;
        }
        case MutationKind::touch: {
            assert(found(p));
            Item* item = p.item;
            if (m.expire_at_ms != 0 && item->expiry_fits_in_place(m.expire_at_ms)) {
                item->set_expire_at_ms(m.expire_at_ms);
            } else if (m.expire_at_ms != 0 || item->has_expiry()) {
                // Adding or dropping the field changes the layout: rebuild. EXPIRE is allowed
                // under noeviction in Redis, so a failed reservation does not stop it.
                ItemSpec spec = spec_of(*item);
                spec.expire_at_ms = m.expire_at_ms;
                const uint64_t new_bytes = expected_block_size(item_size(spec));
                const uint64_t old_bytes = block_bytes(item);
                if (new_bytes > old_bytes) (void)reserve(new_bytes - old_bytes, now, item);
                swap_item(p, allocate_item(spec));
            }
            // memcached keeps the CAS across touch and gat; so do we.
            m.cas = p.item->cas();
            report(m);
            return Status::ok;
        }
        case MutationKind::del:
        case MutationKind::expire:
        case MutationKind::evict: {
            assert(found(p));
            report(m);  // before freeing: m.key may view the item's own key
            erase(p);
            return Status::ok;
        }
        case MutationKind::flush:
            empty_shard();
            s.flush_deadline_ = 0;
            report(m);
            return Status::ok;
        case MutationKind::store_collection:
            assert(false && "store_collection goes through commit_collection");
            return Status::ok;
        case MutationKind::flush_at:
            // A deadline already passed has emptied the shard (or does so now); the new one
            // replaces only a pending deadline (memcached: the last flush_all wins).
            if (s.flush_deadline_ != 0 && m.now_ms >= s.flush_deadline_) fire_flush_deadline(now);
            s.flush_deadline_ = m.expire_at_ms;
            report(m);
            return Status::ok;
    }
    return Status::ok;
}

Status Shard::Locked::reserve_for_write(uint64_t bytes, LazyNow& now, const Position& p) {
    const Status st = reserve(bytes, now, p.item);
    if (st != Status::ok) bump(shard_->oom_);
    return st;
}

Status Shard::Locked::commit_collection(Mutation& m, Position& p,
                                        std::unique_ptr<Collection>& fresh, size_t owned_before) {
    Shard& s = *shard_;
    ShardContext& c = *s.context_;
    LazyNow now = LazyNow::at(m.now_ms);
    assert(m.kind == MutationKind::store_collection);
    if (fresh == nullptr) {
        assert(found(p) && p.item->collection() == m.collection);
        count_edit(*m.collection, owned_before);
        const bool lfu = uses_lfu(c.policy.load(std::memory_order_relaxed));
        p.item->set_access(touched_access(lfu, p.item->access(), m.now_ms, lfu ? next_random() : 0,
                                          lfu_settings(c)));
        s.mark_changed();
        report(m);
        return Status::ok;
    }
    char scratch[kCollectionValueBytes];
    const EncodedValue encoded = collection_value(fresh->type(), fresh.get(), scratch);
    const bool lfu = uses_lfu(c.policy.load(std::memory_order_relaxed));
    ItemSpec spec{.key = m.key,
                  .value = encoded.bytes,
                  .kind = encoded.kind,
                  .expire_at_ms = m.expire_at_ms,
                  .access = found(p) ? touched_access(lfu, p.item->access(), m.now_ms,
                                                      lfu ? next_random() : 0, lfu_settings(c))
                                     : fresh_access(lfu, m.now_ms)};
    const uint64_t new_bytes = expected_block_size(item_size(spec)) + fresh->owned_bytes();
    const uint64_t old_bytes = found(p) ? block_bytes(p.item) : 0;
    if (new_bytes > old_bytes) {
        if (const Status st = reserve_for_write(new_bytes - old_bytes, now, p); st != Status::ok) {
            return st;
        }
    }
    HashIndex::Position where;
    bool in_second = false;
    if (!found(p)) {
        if (const Status st = place_new_key(p.hash, new_bytes, now, where, in_second);
            st != Status::ok) {
            bump(s.oom_);
            return st;
        }
    }
    Item* item = allocate_item(spec);
    s.item_bytes_ += fresh->owned_bytes();
    m.collection = fresh.release();
    m.type = m.collection->type();
    if (found(p)) {
        swap_item(p, item);
    } else {
        s.index_.fill(where, item, p.hash, in_second, item->has_expiry());
        p.item = item;
        p.where = where;
    }
    report(m);
    return Status::ok;
}

void Shard::Locked::count_edit(const Collection& value, size_t owned_before) {
    shard_->item_bytes_ += value.owned_bytes();
    shard_->item_bytes_ -= owned_before;
    shard_->mark_changed();
}

std::unique_ptr<Collection> Shard::Locked::release_collection(Position& p, LazyNow& now) {
    assert(found(p));
    Collection* value = p.item->collection();
    if (value != nullptr) shard_->item_bytes_ -= value->owned_bytes();
    Mutation m{.kind = MutationKind::del, .key = p.item->key(), .now_ms = now.get()};
    report(m);
    erase(p, /*destroy_value=*/false);
    return std::unique_ptr<Collection>(value);
}

Status Shard::Locked::append_in_place(Mutation& m, Position& p, uint32_t access) {
    // A long raw value grows in its own block: realloc usually extends in place (the
    // allocator's size classes leave room), so repeated appends cost amortised O(1) per
    // byte instead of a copy of the whole value each time.
    Shard& s = *shard_;
    ShardContext& c = *s.context_;
    LazyNow now = LazyNow::at(m.now_ms);
    Item* old = p.item;
    const uint64_t old_bytes = block_bytes(old);
    const size_t new_size = old->size() + m.data.size();
    const uint64_t new_bytes = expected_block_size(new_size);
    if (new_bytes > old_bytes) {
        if (const Status st = reserve(new_bytes - old_bytes, now, old); st != Status::ok) {
            bump(s.oom_);
            return st;
        }
    }
    const uint64_t seq = c.next_seq.fetch_add(1, std::memory_order_relaxed);
    s.pool_.forget(old);
    s.item_bytes_ -= old_bytes;
    auto* item = static_cast<Item*>(grow_block(old, new_size));
    if (!m.data.empty())
        std::memcpy(item->extend_value(m.data.size()), m.data.data(), m.data.size());
    item->set_access(access);
    m.cas = 0;
    if (item->has_cas()) {
        item->set_cas(seq);
        m.cas = seq;
    }
    s.item_bytes_ += block_bytes(item);
    s.index_.replace(p.where, item, item->has_expiry());
    p.item = item;
    s.mark_changed();
    c.sink->on_mutation(seq, s.index_number_, m);
    return Status::ok;
}

// ---- active expiry -----------------------------------------------------------------------

Shard::Locked::ExpireStep Shard::Locked::active_expire_step(LazyNow& now, size_t samples) {
    Shard& s = *shard_;
    housekeeping(now);
    // A shard nobody writes to still finishes its resize, here.
    if (s.index_.resizing()) s.index_.migrate(kExpireStepMigrateBuckets);
    ExpireStep result;
    // A lowered maxmemory is met here even if the shard sees no writes.
    const uint64_t lim = limit();
    for (int i = 0; lim != 0 && used() > lim && i < kMaxEvictionsPerStep; ++i) {
        if (!evict_one(now, nullptr)) break;
    }
    if (s.with_expiry_ == 0) return result;
    const uint32_t max_scan =
        std::max<uint32_t>(kMinExpireScanBuckets, static_cast<uint32_t>(samples) * 4);
    for (uint32_t scanned = 0; result.sampled < samples && scanned < max_scan; ++scanned) {
        const uint32_t total = s.index_.total_buckets();
        if (total == 0 || s.with_expiry_ == 0) break;
        uint32_t b = s.expire_cursor_ % total;
        s.expire_cursor_ = b + 1;
        BucketTable& t = s.index_.table_for(b);
        const uint32_t occupied = t.occupied_mask(b);
        for (uint32_t m = occupied; m != 0; m &= m - 1) {
            const BucketTable::Slot slot{b, static_cast<uint32_t>(__builtin_ctz(m))};
            if (t.has_expiry_at(slot)) __builtin_prefetch(t.item_at(slot));
        }
        for (uint32_t m = occupied; m != 0; m &= m - 1) {
            const BucketTable::Slot slot{b, static_cast<uint32_t>(__builtin_ctz(m))};
            if (!t.has_expiry_at(slot)) continue;
            Item* item = t.item_at(slot);
            ++result.sampled;
            if (item->expire_at_ms() > now.get()) continue;
            Position p{item, HashIndex::Position{&t, slot}, 0};
            bump(s.expired_);
            remove(p, MutationKind::expire, now);
            ++result.expired;
            // Emptying the old table of a resize releases it; stop reading it.
            if (t.buckets() == 0) break;
        }
    }
    if (s.index_.size() == 0 && s.index_.total_buckets() != 0) {
        s.index_.release();
        s.mark_changed();
    }
    return result;
}

}  // namespace larder::store
